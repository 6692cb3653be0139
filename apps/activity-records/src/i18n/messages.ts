import { HttpException, HttpStatus } from '@nestjs/common';
import { TranslationParams } from '@campaign/i18n';
import { requestTranslator } from '@campaign/service-kit';
import { catalogues, MessageKey } from './catalogues';

/** Speaks the caller's language (`Accept-Language`, Chinese by default). */
export const messages = requestTranslator(catalogues);

/** The stable, machine-readable part of an error: its catalogue key without the `error.` prefix. */
type CodeOf<K> = K extends `error.${infer Code}` ? Code : never;
export type ErrorCode = CodeOf<MessageKey>;

type Label = 'stage' | 'action' | 'activity-kind' | 'activity-status' | 'plan-status' | 'submission-kind' | 'submission-status' | 'target-status' | 'member-status';

/** A word of the domain (a stage, a status, a kind) in the caller's language; an unknown value is shown as it is. */
export function label(kind: Label, value: string): string {
  const key = `${kind}.${value}` as MessageKey;
  return key in catalogues['zh-CN'] ? messages.t(key) : value;
}

/** Words joined with the caller's "or". */
export function orList(words: string[]): string {
  return words.join(messages.t('list.or'));
}

/** Words listed the caller's way (、 in Chinese). */
export function list(words: string[]): string {
  return words.join(messages.t('list.and'));
}

/**
 * An HTTP error whose body carries a stable `code` beside a `message` in the caller's language:
 * `{ statusCode, code, message, ...details }`.
 */
export class LocalisedException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: ErrorCode,
    params: TranslationParams = {},
    details: Record<string, unknown> = {},
  ) {
    super({ statusCode: status, code, message: messages.t(`error.${code}` as MessageKey, params), ...details }, status);
  }
}

export const notFound = (code: ErrorCode, params?: TranslationParams) => new LocalisedException(HttpStatus.NOT_FOUND, code, params);
export const forbidden = (code: ErrorCode, params?: TranslationParams) => new LocalisedException(HttpStatus.FORBIDDEN, code, params);
export const conflict = (code: ErrorCode, params?: TranslationParams) => new LocalisedException(HttpStatus.CONFLICT, code, params);
export const badRequest = (code: ErrorCode, params?: TranslationParams, details?: Record<string, unknown>) =>
  new LocalisedException(HttpStatus.BAD_REQUEST, code, params, details);
