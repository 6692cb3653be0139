import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Response } from 'express';
import { CODE_OF_HTTP_STATUS } from '@campaign/service-kit';
import { ErrorCode, LocalisedException, messages } from './messages';

const CODES: Partial<Record<number, ErrorCode>> = CODE_OF_HTTP_STATUS;

/** Nest's own error bodies carry `statusCode` and no `code`; others (the health checks' reports, the rate limit's) are passed through as they are. */
function isNestErrorBody(body: unknown): boolean {
  return typeof body === 'string' || (typeof body === 'object' && body !== null && 'statusCode' in body && !('code' in body));
}

/**
 * Every error body has a stable `code` and a `message` in the caller's language: ours are already so
 * (LocalisedException); Nest's (the auth guard, unknown routes, body limits) get their status's text; anything else
 * is logged and answered 500 without its internals.
 */
@Catch()
export class LocalisedErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(LocalisedErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof LocalisedException) {
      response.status(exception.getStatus()).json(exception.getResponse());
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (!isNestErrorBody(body)) {
        response.status(status).json(body);
        return;
      }
      const code = CODES[status] ?? 'http';
      // A refusal that names its fields (the text policy's) keeps them, so the caller learns which field to fix.
      const fields = typeof body === 'object' && Array.isArray((body as { message?: unknown }).message) ? { details: (body as { message: unknown[] }).message.map(String) } : {};
      response.status(status).json({ statusCode: status, code, message: messages.t(`error.${code}`, { status }), ...fields });
      return;
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ statusCode: 500, code: 'internal-error', message: messages.t('error.internal-error') });
  }
}
