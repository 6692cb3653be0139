import { Model, UpdateQuery } from 'mongoose';
import { isDuplicateKey } from '@campaign/persistence';
import { OrgApplyOutcome } from './org-read-model.options';
import { OrgRecordKeys } from './org-record-keys';

/**
 * Writes a record's snapshot only when its revision is newer than the one held. The caller holds the record's
 * document lock (FerretDB 1.x does not isolate a read from the write after it); on MongoDB, which takes no lock,
 * the write itself is conditional: an older or equal revision misses the filter and its upsert collides on the key.
 */
export async function saveIfNewer<T>(
  model: Model<T>,
  keys: OrgRecordKeys,
  district: string,
  id: string,
  revision: number,
  fields: Record<string, unknown>,
): Promise<OrgApplyOutcome> {
  const filter = keys.filter(district, id);
  const heldRevision = async () => (await keys.scoped(model.findOne(filter).select('revision')).lean<{ revision: number }>().exec())?.revision;
  const held = await heldRevision();
  if (held !== undefined && held > revision) return 'stale';
  if (held === revision) return 'held';
  const onInsert = keys.onInsert(district, id);
  const update = { $set: { ...fields, revision }, ...(Object.keys(onInsert).length ? { $setOnInsert: onInsert } : {}) } as UpdateQuery<T>;
  try {
    await keys.scoped(model.updateOne({ ...filter, revision: { $lt: revision } }, update, { upsert: true })).exec();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return (await heldRevision()) === revision ? 'held' : 'stale';
  }
  return held === undefined ? 'created' : 'updated';
}
