import { Schema, SchemaDefinition } from 'mongoose';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';
import { OrgIndex, OrgReadModelOptions, OrgRecordKey } from './org-read-model.options';
import { OrgIdField } from './org-record-keys';

export interface OrgReadModelSchemas {
  unit: Schema;
  member: Schema;
  system?: Schema;
}

/** The key fields of a layout; a record keyed by a field is unique per district on it. */
function keyDefinition(key: OrgRecordKey, idField: OrgIdField): SchemaDefinition {
  if (key === 'id') return { _id: { type: String, required: true } };
  const field = { [idField]: { type: String, required: true } };
  return key === 'district-key' ? { _id: { type: String, required: true }, ...field } : field;
}

function build(options: OrgReadModelOptions, idField: OrgIdField, collection: string, fields: SchemaDefinition, indexes: OrgIndex[] = []): Schema {
  const schema = new Schema({ ...keyDefinition(options.key, idField), ...fields }, { ...defaultSchemaOptions, collection });
  schema.plugin(tenantPlugin);
  if (options.key !== 'id') schema.index({ district: 1, [idField]: 1 }, { unique: true });
  for (const [fields, indexOptions] of indexes) schema.index(fields, indexOptions);
  return schema;
}

/** The Mongoose schemas of a service's read model: its key layout, collections, kept fields and indexes. */
export function orgReadModelSchemas(options: OrgReadModelOptions): OrgReadModelSchemas {
  const units = options.units ?? {};
  const members = options.members ?? {};
  const unit = build(options, 'unitId', options.collections.units, {
    name: { type: String, required: true },
    ...(units.kind ? { kind: { type: String, required: true } } : {}),
    parentId: { type: String, default: null },
    path: { type: [String] },
    ...(units.systemIds ? { systemIds: { type: [String], default: [] } } : {}),
    status: { type: String, required: true },
    revision: { type: Number, required: true },
  }, options.indexes?.units);
  const member = build(options, 'memberId', options.collections.members, {
    ...(members.externalId ? { externalId: { type: String } } : {}),
    name: { type: String, required: true },
    unitId: { type: String, required: true },
    unitPath: { type: [String] },
    ...(members.posts ? { posts: { type: [String], default: [] } } : {}),
    ...(members.roles
      ? { roles: { type: [new Schema({ role: String, unitId: String }, { _id: false })], default: [] }, roleKeys: { type: [String], default: [] } }
      : {}),
    ...(members.leaderFlags ? { isLeader: { type: Boolean, default: false }, isKeyPost: { type: Boolean, default: false } } : {}),
    status: { type: String, required: true },
    ...(members.joinedOn ? { joinedOn: String } : {}),
    ...(members.leftOn ? { leftOn: { type: String, default: null } } : {}),
    ...(members.previousUnits ? { previousUnits: { type: [{ _id: false, unitId: String, until: Date }], default: [] } } : {}),
    ...(members.contacts ? { contacts: { type: Schema.Types.Mixed, default: {} } } : {}),
    revision: { type: Number, required: true },
  }, options.indexes?.members);
  const system = options.collections.systems
    ? build(options, 'systemId', options.collections.systems, {
        name: { type: String, required: true },
        leadUnitId: { type: String, default: null },
        unitIds: { type: [String], default: [] },
        revision: { type: Number, required: true },
      }, options.indexes?.systems)
    : undefined;
  return { unit, member, system };
}
