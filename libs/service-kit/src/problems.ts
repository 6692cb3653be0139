import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Response } from 'express';
import { defineCatalogues, TranslationParams, Translator } from '@campaign/i18n';

/** The texts the problem filter words the framework's own refusals with; a service's catalogue spreads them in. */
export const problemCatalogues = defineCatalogues({
  'zh-CN': {
    'request.invalid': '请求参数有误：{{fields}}',
    'auth.unauthorized': '需要有效的访问令牌',
    'auth.forbidden': '您的角色无权执行此操作',
    'http.not-found': '请求的地址不存在',
    'http.error': '请求无法处理',
    'internal-error': '服务器内部错误，请稍后重试',
  },
  en: {
    'request.invalid': 'Invalid request: {{fields}}',
    'auth.unauthorized': 'A valid bearer token is required',
    'auth.forbidden': 'Your role may not do this',
    'http.not-found': 'No such resource',
    'http.error': 'The request could not be handled',
    'internal-error': 'Internal error; please try again later',
  },
});

export type ProblemMessageKey = keyof (typeof problemCatalogues)['zh-CN'];

/** The stable codes of the framework's own refusals (validation, the auth guard, unknown routes, body limits), by status. */
export const CODE_OF_HTTP_STATUS = {
  [HttpStatus.BAD_REQUEST]: 'bad-request',
  [HttpStatus.UNAUTHORIZED]: 'unauthorized',
  [HttpStatus.FORBIDDEN]: 'forbidden',
  [HttpStatus.NOT_FOUND]: 'not-found',
  [HttpStatus.CONFLICT]: 'conflict',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'payload-too-large',
} as const;

/** The body of every error: a stable machine-readable `code`, the message in the caller's language, optional details. */
export interface ProblemBody {
  statusCode: number;
  code: string;
  message: string;
  /** The request field the problem is about, when there is one. */
  field?: string;
  details?: unknown[];
}

export interface ProblemOptions {
  /** Codes, beyond 400/403/404/409, of statuses whose message their thrower already worded. */
  extraCodesOfStatus?: Partial<Record<number, string>>;
}

/** The fields class-validator names at the start of its messages ("name should not be empty"). */
function fieldsOf(messages: string[]): string[] {
  return [...new Set(messages.map((message) => message.split(' ')[0]))];
}

/**
 * A service's errors worded from its catalogue `text`: Problem and its shorthands for what the service throws, and
 * ProblemFilter, which answers every HTTP error in the same shape.
 */
export function problemsOf<K extends string>(text: Translator<K> & Translator<ProblemMessageKey>, options: ProblemOptions = {}) {
  /** An HTTP error whose message comes from the catalogue, in the language of the request being served. */
  class Problem extends HttpException {
    constructor(status: HttpStatus, code: K, params: TranslationParams = {}, extra: Pick<ProblemBody, 'field' | 'details'> = {}) {
      super({ statusCode: status, code, message: text.t(code, params), ...extra } satisfies ProblemBody, status);
    }
  }

  const notFound = (code: K, params?: TranslationParams) => new Problem(HttpStatus.NOT_FOUND, code, params);
  const forbidden = (code: K, params?: TranslationParams) => new Problem(HttpStatus.FORBIDDEN, code, params);
  const conflict = (code: K, params?: TranslationParams) => new Problem(HttpStatus.CONFLICT, code, params);
  const badRequest = (code: K, params: TranslationParams, field?: string) => new Problem(HttpStatus.BAD_REQUEST, code, params, field ? { field } : {});

  /** Codes of errors whose message their thrower already worded in the caller's language. */
  const codeOfStatus: Partial<Record<number, string>> = { 400: 'bad-request', 403: 'forbidden', 404: 'not-found', 409: 'conflict', ...options.extraCodesOfStatus };

  /**
   * Errors raised outside the service's catalogue in the same shape: validation failures, the token guard's refusals
   * and unknown routes (worded in English by the framework) get a catalogue text; a message thrown already worded
   * (a feature with its own catalogue) is kept with a code for its status.
   */
  function problemOf(exception: HttpException): ProblemBody {
    const status = exception.getStatus();
    const response = exception.getResponse() as { code?: string; message?: unknown } | string;
    if (typeof response === 'object' && typeof response.code === 'string') return response as ProblemBody;
    const raw = typeof response === 'string' ? response : response.message;
    const details = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
    const coded = (code: ProblemMessageKey, params: TranslationParams = {}): ProblemBody => ({ statusCode: status, code, message: text.t(code, params), details });
    if (status === HttpStatus.BAD_REQUEST && Array.isArray(raw)) return coded('request.invalid', { fields: fieldsOf(details).join(', ') });
    if (status === HttpStatus.UNAUTHORIZED) return coded('auth.unauthorized');
    if (status === HttpStatus.FORBIDDEN && typeof raw === 'string' && raw.startsWith('requires one of the roles')) return coded('auth.forbidden');
    if (status === HttpStatus.NOT_FOUND && typeof raw === 'string' && /^Cannot [A-Z]+ \//.test(raw)) return coded('http.not-found');
    if (typeof raw === 'string' && raw && codeOfStatus[status]) return { statusCode: status, code: codeOfStatus[status] as string, message: raw };
    return coded('http.error');
  }

  /** Answers every HTTP error of the service as a ProblemBody; anything unexpected is logged and answered 500. */
  @Catch()
  class ProblemFilter implements ExceptionFilter {
    private readonly logger = new Logger('ProblemFilter');

    catch(exception: unknown, host: ArgumentsHost): void {
      if (host.getType() !== 'http') throw exception;
      const response = host.switchToHttp().getResponse<Response>();
      if (exception instanceof HttpException) {
        const body = problemOf(exception);
        response.status(body.statusCode).json(body);
        return;
      }
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
      const status = HttpStatus.INTERNAL_SERVER_ERROR;
      response.status(status).json({ statusCode: status, code: 'internal-error', message: text.t('internal-error') } satisfies ProblemBody);
    }
  }

  return { Problem, notFound, forbidden, conflict, badRequest, ProblemFilter };
}
