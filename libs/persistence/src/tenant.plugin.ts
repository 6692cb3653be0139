import { Aggregate, MongooseQueryMiddleware, Query, Schema } from 'mongoose';

/** Refused: a query on a district-scoped collection whose filter does not name the district. */
export class UnscopedQueryError extends Error {
  constructor(model: string, operation: string) {
    super(`${model}.${operation} without a district in its filter: every query on district data must be scoped`);
    this.name = 'UnscopedQueryError';
  }
}

const CROSS_DISTRICT = Symbol('crossDistrict');

type Flaggable = { [CROSS_DISTRICT]?: boolean };

/** Marks a query or aggregation as deliberately spanning districts (relays, reconciliation, rebuilds). */
export function acrossDistricts<T extends Query<unknown, unknown> | Aggregate<unknown>>(operation: T): T {
  (operation as unknown as Flaggable)[CROSS_DISTRICT] = true;
  return operation;
}

const SCOPED_QUERY_OPERATIONS: MongooseQueryMiddleware[] = [
  'find',
  'findOne',
  'findOneAndUpdate',
  'findOneAndDelete',
  'findOneAndReplace',
  'countDocuments',
  'distinct',
  'updateOne',
  'updateMany',
  'replaceOne',
  'deleteOne',
  'deleteMany',
];

function namesDistrict(filter: Record<string, unknown>): boolean {
  const district = filter['district'];
  if (typeof district === 'string' && district.length > 0) return true;
  const and = filter['$and'];
  return Array.isArray(and) && and.some((clause) => namesDistrict(clause as Record<string, unknown>));
}

/** Adds a required, indexed `district` to a schema and refuses every unscoped query on it. */
export function tenantPlugin(schema: Schema): void {
  schema.add({ district: { type: String, required: true, index: true, immutable: true } });

  schema.pre(SCOPED_QUERY_OPERATIONS, function (this: Query<unknown, unknown> & Flaggable) {
    if (this[CROSS_DISTRICT]) return;
    if (!namesDistrict(this.getFilter())) throw new UnscopedQueryError(this.model.modelName, (this as unknown as { op?: string }).op ?? 'query');
  });

  schema.pre('aggregate', function (this: Aggregate<unknown> & Flaggable) {
    if (this[CROSS_DISTRICT]) return;
    const [first] = this.pipeline();
    const match = first && '$match' in first ? (first.$match as Record<string, unknown>) : undefined;
    if (!match || !namesDistrict(match)) throw new UnscopedQueryError(this.model()?.modelName ?? 'aggregate', 'aggregate');
  });
}

/**
 * A document's natural key as its `_id`, led by its district: the one filter FerretDB 1.x evaluates in SQLite rather
 * than by decoding every document in Go is exactly `{_id}`, and a key that names the district scopes the query itself.
 */
export function districtKey(district: string, ...parts: string[]): string {
  return [district, ...parts].join('|');
}

/** A query whose filter is exactly `{_id: districtKey(...)}`: scoped by its key, so the district need not be repeated. */
export function byDistrictKey<T extends Query<unknown, unknown>>(query: T): T {
  const id = (query.getFilter() as { _id?: unknown })._id;
  if (typeof id !== 'string' || !id.includes('|')) throw new Error(`byDistrictKey needs a district key as _id, got ${String(id)}`);
  return acrossDistricts(query);
}
