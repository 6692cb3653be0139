import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Response } from 'express';
import { TranslationParams } from '@campaign/i18n';
import { OrgMessageKey, orgText } from './messages';

/** The body of every error: a stable machine-readable `code`, the message in the caller's language, optional details. */
export interface ProblemBody {
  statusCode: number;
  code: string;
  message: string;
  /** The request field the problem is about, when there is one. */
  field?: string;
  details?: unknown[];
}

/** An HTTP error whose message comes from the catalogue, in the language of the request being served. */
export class Problem extends HttpException {
  constructor(status: HttpStatus, code: OrgMessageKey, params: TranslationParams = {}, extra: Pick<ProblemBody, 'field' | 'details'> = {}) {
    super({ statusCode: status, code, message: orgText.t(code, params), ...extra } satisfies ProblemBody, status);
  }
}

export const notFound = (code: OrgMessageKey, params?: TranslationParams) => new Problem(HttpStatus.NOT_FOUND, code, params);
export const forbidden = (code: OrgMessageKey, params?: TranslationParams) => new Problem(HttpStatus.FORBIDDEN, code, params);
export const conflict = (code: OrgMessageKey, params?: TranslationParams) => new Problem(HttpStatus.CONFLICT, code, params);
export const badRequest = (code: OrgMessageKey, params: TranslationParams, field?: string) =>
  new Problem(HttpStatus.BAD_REQUEST, code, params, field ? { field } : {});

/** The fields class-validator names at the start of its messages ("name should not be empty"). */
function fieldsOf(messages: string[]): string[] {
  return [...new Set(messages.map((message) => message.split(' ')[0]))];
}

/** Codes of errors whose message their thrower already worded in the caller's language. */
const CODE_OF_STATUS: Partial<Record<number, string>> = { 400: 'bad-request', 403: 'forbidden', 404: 'not-found', 409: 'conflict', 413: 'payload-too-large' };

/**
 * Errors raised outside this service's catalogue in the same shape: validation failures, the token guard's refusals
 * and unknown routes (worded in English by the framework) get a catalogue text; a message thrown already worded
 * (a feature with its own catalogue) is kept with a code for its status.
 */
function problemOf(exception: HttpException): ProblemBody {
  const status = exception.getStatus();
  const response = exception.getResponse() as { code?: string; message?: unknown } | string;
  if (typeof response === 'object' && typeof response.code === 'string') return response as ProblemBody;
  const raw = typeof response === 'string' ? response : response.message;
  const details = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
  const coded = (code: OrgMessageKey, params: TranslationParams = {}): ProblemBody => ({ statusCode: status, code, message: orgText.t(code, params), details });
  if (status === HttpStatus.BAD_REQUEST && Array.isArray(raw)) return coded('request.invalid', { fields: fieldsOf(details).join(', ') });
  if (status === HttpStatus.UNAUTHORIZED) return coded('auth.unauthorized');
  if (status === HttpStatus.FORBIDDEN && typeof raw === 'string' && raw.startsWith('requires one of the roles')) return coded('auth.forbidden');
  if (status === HttpStatus.NOT_FOUND && typeof raw === 'string' && /^Cannot [A-Z]+ \//.test(raw)) return coded('http.not-found');
  if (typeof raw === 'string' && raw && CODE_OF_STATUS[status]) return { statusCode: status, code: CODE_OF_STATUS[status] as string, message: raw };
  return coded('http.error');
}

/** Answers every HTTP error of the service as a ProblemBody; anything unexpected is logged and answered 500. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const body = problemOf(exception);
      response.status(body.statusCode).json(body);
      return;
    }
    this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    const status = HttpStatus.INTERNAL_SERVER_ERROR;
    response.status(status).json({ statusCode: status, code: 'internal-error', message: orgText.t('internal-error') } satisfies ProblemBody);
  }
}
