import { SchemaOptions } from 'mongoose';

/** Defaults for every collection: timestamps, no `__v`, `id` kept out of JSON. */
export const defaultSchemaOptions: SchemaOptions = {
  timestamps: true,
  versionKey: false,
  minimize: false,
  toJSON: { virtuals: false },
};
