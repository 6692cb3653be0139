import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { TranslationParams } from '@campaign/i18n';
import { CODE_OF_HTTP_STATUS } from '@campaign/service-kit';
import { Response } from 'express';
import { MessageKey, messages } from './messages';

/** The code of a refusal that names none: Nest's own (validation, the auth guard, unknown routes) and the generic ones. */
const CODE_OF_STATUS: Partial<Record<number, string>> = { ...CODE_OF_HTTP_STATUS, [HttpStatus.TOO_MANY_REQUESTS]: 'rate-limited' };

/** A refusal's body: its message key as the stable code, its text in the caller's language. */
export function problem(key: MessageKey, params?: TranslationParams): { code: MessageKey; message: string } {
  return { code: key, message: messages.t(key, params) };
}

/**
 * Every 4xx answers `{ statusCode, code, message, … }`: a body that has its code keeps it (problem(), the rate limit's),
 * one without gets its status's; other fields (a validation's list of messages, a scheme's errors) stay as they are.
 */
@Catch(HttpException)
export class ErrorCodeFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const status = exception.getStatus();
    const raw = exception.getResponse();
    const body = typeof raw === 'string' ? { message: raw } : (raw as Record<string, unknown>);
    const coded = status >= 400 && status < 500 && !('code' in body) ? { code: CODE_OF_STATUS[status] ?? `http-${status}` } : {};
    host.switchToHttp().getResponse<Response>().status(status).json({ statusCode: status, ...coded, ...body });
  }
}
