import { Model, RootFilterQuery, UpdateQuery } from 'mongoose';
import { isDuplicateKey } from '@campaign/persistence';

/**
 * Upserts a read-model document only when `version` is newer than the stored one; an older or repeated event
 * misses the filter, its upsert collides with the unique key, and the collision means "already newer".
 */
export async function applyIfNewer<T>(
  model: Model<T>,
  key: Record<string, unknown>,
  versionField: string,
  version: number | Date,
  fields: Record<string, unknown>,
): Promise<boolean> {
  try {
    const result = await model.updateOne({ ...key, [versionField]: { $lt: version } } as RootFilterQuery<T>, { $set: { ...fields, [versionField]: version } } as UpdateQuery<T>, { upsert: true });
    return result.modifiedCount + result.upsertedCount > 0;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}
