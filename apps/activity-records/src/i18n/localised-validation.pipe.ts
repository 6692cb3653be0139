import { Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { TranslationParams } from '@campaign/i18n';
import { MessageKey } from './catalogues';
import { badRequest, messages } from './messages';

export interface FieldProblem {
  field: string;
  /** The class-validator constraint that failed, e.g. `isIn`. */
  constraint: string;
  message: string;
}

const TYPES: Record<string, MessageKey> = {
  isString: 'type.text',
  isInt: 'type.integer',
  isNumber: 'type.number',
  isBoolean: 'type.boolean',
  isArray: 'type.list',
  nestedValidation: 'type.object',
};
const FORMATS: Record<string, string> = { isDateString: 'ISO 8601', isISO8601: 'ISO 8601', isTimeZone: 'IANA (Asia/Shanghai)' };
const REQUIRED = ['isNotEmpty', 'isDefined'];
const RANGES = ['min', 'max'];
const COUNTS = ['arrayMinSize', 'arrayMaxSize'];
const ALLOWED_VALUES = /one of the following values: (.+)$/;

/** The message of one failed constraint in the caller's language; `format` comes from the decorator's `context`. */
function problemMessage(field: string, constraint: string, defaultMessage: string, context?: { format?: string }): string {
  const params: TranslationParams = { field };
  if (REQUIRED.includes(constraint)) return messages.t('validation.required', params);
  if (constraint === 'whitelistValidation') return messages.t('validation.unknown-field', params);
  if (constraint === 'isIn' || constraint === 'isEnum') {
    const values = ALLOWED_VALUES.exec(defaultMessage)?.[1];
    return values ? messages.t('validation.one-of', { ...params, values }) : messages.t('validation.invalid', params);
  }
  const format = context?.format ?? FORMATS[constraint];
  if (format) return messages.t('validation.format', { ...params, format });
  if (TYPES[constraint]) return messages.t('validation.type', { ...params, type: messages.t(TYPES[constraint]) });
  if (RANGES.includes(constraint)) return messages.t('validation.range', params);
  if (constraint === 'maxLength') return messages.t('validation.too-long', params);
  if (COUNTS.includes(constraint)) return messages.t('validation.count', params);
  return messages.t('validation.invalid', params);
}

export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, defaultMessage]) => ({
      field,
      constraint,
      message: problemMessage(field, constraint, defaultMessage, error.contexts?.[constraint] as { format?: string } | undefined),
    }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/**
 * The platform's request validation (whitelist, no unknown fields, transform), with every problem named by field and
 * constraint and told in the caller's language. Registered as the app's pipe, it runs before service-kit's default one.
 */
@Injectable()
export class LocalisedValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => {
        const problems = fieldProblems(errors);
        return badRequest('validation-failed', { count: problems.length }, { details: problems });
      },
    });
  }
}
