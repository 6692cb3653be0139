import { Model, UpdateQuery } from 'mongoose';
import { OrgApplyOutcome } from './org-read-model.options';
import { OrgRecordKeys } from './org-record-keys';

/**
 * Writes a record's snapshot only when its revision is newer than the one held. The caller holds the record's
 * document lock, so the read and the write are not interleaved with another writer of the record even on FerretDB.
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
  const held = await keys.scoped(model.findOne(filter).select('revision')).lean<{ revision: number }>().exec();
  if (held && held.revision > revision) return 'stale';
  if (held && held.revision === revision) return 'held';
  const onInsert = keys.onInsert(district, id);
  const update = { $set: { ...fields, revision }, ...(Object.keys(onInsert).length ? { $setOnInsert: onInsert } : {}) } as UpdateQuery<T>;
  await keys.scoped(model.updateOne(filter, update, { upsert: true })).exec();
  return held ? 'updated' : 'created';
}
