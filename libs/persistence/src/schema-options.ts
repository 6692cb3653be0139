import { SchemaOptions } from 'mongoose';

/** What only the service itself reads: `__v` and every `_`-prefixed bookkeeping field (the embedded outbox's `_outbox*`). */
export function isInternalField(key: string): boolean {
  return key === '__v' || (key.startsWith('_') && key !== '_id');
}

/** The document as callers may see it: internal fields dropped, at the top level and in nested objects and arrays. */
export function withoutInternalFields<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => withoutInternalFields(item)) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date || !isPlainRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !isInternalField(key))
      .map(([key, field]) => [key, withoutInternalFields(field)]),
  ) as T;
}

function isPlainRecord(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Mongoose passes the converted document as `ret`; saving uses its internal options, which skip this transform. */
function hideInternalFields(_document: unknown, ret: Record<string, unknown>): Record<string, unknown> {
  return withoutInternalFields(ret);
}

/** Defaults for every collection: timestamps, no `__v`, `id` kept out of JSON, internal fields never leave the service. */
export const defaultSchemaOptions: SchemaOptions = {
  timestamps: true,
  versionKey: false,
  minimize: false,
  toJSON: { virtuals: false, transform: hideInternalFields },
  toObject: { transform: hideInternalFields },
};
