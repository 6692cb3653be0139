import { applyDecorators, ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/**
 * The one text policy of the platform, for every string a person or system sends.
 *
 * Everywhere (TextPolicyPipe, before validation): strings and keys are normalised to Unicode NFC, and NUL or a lone
 * UTF-16 surrogate is refused. Fields that are matched or shown as names (codes, identifiers, names, titles) also
 * (and titles) refuse control and format characters (bidi overrides, zero-width marks), declared with the TextField decorator
 * with a maximum length per kind that OpenAPI shows; any script is welcome.
 */
export const TEXT_MAX_LENGTH = {
  /** A code or external id matched by equality (unit code, HR id, login name). */
  code: 100,
  /** A name people read in lists and match by (unit, system, member, campaign, carrier, rule). */
  name: 200,
  /** A title or slogan (activity, submission, target, theme). */
  title: 300,
  /** A paragraph: a description, a comment, a review note. */
  text: 5000,
  /** A long document a person writes: a reflection, a research report, a template body. */
  document: 100_000,
} as const;

export type TextKind = keyof typeof TEXT_MAX_LENGTH;

const NUL = '\u0000';
/** A high surrogate not followed by a low one, or a low one not preceded by a high one (String#isWellFormed is ES2024). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** No control (Cc) or format (Cf) character: bidi overrides and isolates, zero-width spaces and joiners, BOM, C0/C1. */
export const NO_CONTROL_OR_FORMAT = /^[^\p{Cc}\p{Cf}]*$/u;
const KINDS_MATCHED_BY_EYE: ReadonlySet<TextKind> = new Set(['code', 'name', 'title']);

/** Why a string breaks the everywhere-rules, or undefined when it does not. */
export function textProblem(value: string): string | undefined {
  if (LONE_SURROGATE.test(value)) return 'must not contain a lone UTF-16 surrogate';
  if (value.includes(NUL)) return 'must not contain a NUL character';
  return undefined;
}

function pathOf(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/** JSON bodies are plain objects; query strings parse into objects without a prototype. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The value with every string and key in NFC; collects a message per string that breaks the everywhere-rules. */
export function normaliseText(value: unknown, path: string, problems: string[]): unknown {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) {
      problems.push(`${path || 'value'} ${problem}`);
      return value;
    }
    return value.normalize('NFC');
  }
  if (Array.isArray(value)) return value.map((item, index) => normaliseText(item, pathOf(path, index), problems));
  if (isPlainObject(value)) {
    const entries = Object.entries(value).map(([key, item]) => [normaliseText(key, pathOf(path, '(key)'), problems), normaliseText(item, pathOf(path, key), problems)]);
    return Object.fromEntries(entries);
  }
  if (value !== null && typeof value === 'object') {
    // A DTO instance made by a validation pipe that ran first keeps its class: its properties are normalised in place.
    const instance = value as Record<string, unknown>;
    for (const key of Object.keys(instance)) instance[key] = normaliseText(instance[key], pathOf(path, key), problems);
  }
  return value;
}

/** Applies the everywhere-rules to a request's body, query and route parameters; refuses with 400 naming each field. */
@Injectable()
export class TextPolicyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const problems: string[] = [];
    const normalised = normaliseText(value, metadata.type === 'body' ? '' : (metadata.data ?? ''), problems);
    if (problems.length > 0) throw new BadRequestException(problems);
    return normalised;
  }
}

export interface TextFieldOptions {
  required?: boolean;
  description?: string;
  example?: string;
  /** Only where a field must be shorter than its kind allows. */
  maxLength?: number;
}

/**
 * A string field under the text policy: its kind's maximum length (in validation and OpenAPI), required or optional
 * (in validation and OpenAPI), never empty, and for codes, names and titles no control or format character.
 */
export function TextField(kind: TextKind, options: TextFieldOptions = {}): PropertyDecorator {
  const maxLength = Math.min(options.maxLength ?? TEXT_MAX_LENGTH[kind], TEXT_MAX_LENGTH[kind]);
  const required = options.required !== false;
  const documented = { type: String, required, maxLength, minLength: 1, description: options.description, example: options.example };
  const decorators = [ApiProperty(documented), ...(required ? [] : [IsOptional()]), IsString(), IsNotEmpty(), MaxLength(maxLength)];
  if (KINDS_MATCHED_BY_EYE.has(kind)) {
    decorators.push(Matches(NO_CONTROL_OR_FORMAT, { message: ({ property }) => `${property} must not contain control or format characters (bidi, zero-width)` }));
  }
  return applyDecorators(...decorators);
}
