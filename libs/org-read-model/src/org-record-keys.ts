import { FilterQuery, Query } from 'mongoose';
import { byDistrictKey, districtKey } from '@campaign/persistence';
import { OrgRecordKey } from './org-read-model.options';

export type OrgIdField = 'unitId' | 'memberId' | 'systemId';

/** Finds, filters and creates one kind of record (unit, member, system) in the key layout a service has. */
export class OrgRecordKeys {
  constructor(
    readonly layout: OrgRecordKey,
    readonly idField: OrgIdField,
  ) {}

  /** The stored field holding the org-registry id. */
  get idPath(): string {
    return this.layout === 'id' ? '_id' : this.idField;
  }

  /** One record; by `_id` alone in the district-key layout, the one filter FerretDB 1.x evaluates without decoding documents. */
  filter(district: string, id: string): FilterQuery<unknown> {
    if (this.layout === 'district-key') return { _id: districtKey(district, id) };
    return { district, [this.idPath]: id };
  }

  /** Applies the district-key scope check to a query built on `filter`. */
  scoped<Q extends Query<unknown, unknown>>(query: Q): Q {
    return this.layout === 'district-key' ? byDistrictKey(query) : query;
  }

  /** What an upsert on `filter` must add to a new record besides what the filter gives it. */
  onInsert(district: string, id: string): Record<string, string> {
    return this.layout === 'district-key' ? { district, [this.idField]: id } : {};
  }

  /** A whole new record's key fields, for inserts. */
  document(district: string, id: string): Record<string, string> {
    if (this.layout === 'id') return { _id: id, district };
    if (this.layout === 'district-key') return { _id: districtKey(district, id), district, [this.idField]: id };
    return { district, [this.idField]: id };
  }

  idOf(record: object): string {
    return (record as Record<string, string>)[this.idPath];
  }

  lockId(district: string, id: string): string {
    return districtKey(district, id);
  }
}
