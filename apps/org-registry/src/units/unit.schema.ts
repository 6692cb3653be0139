import { Schema } from 'mongoose';
import { UNIT_KINDS, UnitKind } from '@campaign/contracts';
import { outboxPlugin } from '@campaign/messaging';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

export const UNIT = 'Unit';

export interface UnitDocument {
  _id: string;
  district: string;
  /** The district's own reference for the unit (HR code); unique in the district, the id when none was given. */
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  /** Ancestor ids from the root down to the unit itself: a subtree query is `{ path: rootId }`. */
  path: string[];
  systemIds: string[];
  status: 'active' | 'closed';
  closedAt?: Date;
  revision: number;
  createdAt?: Date;
  updatedAt?: Date;
}

export const unitSchema = new Schema(
  {
    _id: { type: String, required: true },
    code: { type: String, required: true },
    name: { type: String, required: true },
    kind: { type: String, enum: UNIT_KINDS, required: true },
    parentId: { type: String, default: null },
    path: { type: [String], required: true },
    systemIds: { type: [String], default: [] },
    status: { type: String, enum: ['active', 'closed'], default: 'active' },
    closedAt: { type: Date },
    revision: { type: Number, required: true },
  },
  { ...defaultSchemaOptions, collection: 'units' },
);
unitSchema.plugin(tenantPlugin);
unitSchema.plugin(outboxPlugin);
unitSchema.index({ district: 1, path: 1 });
unitSchema.index({ district: 1, code: 1 }, { unique: true });
unitSchema.index({ district: 1, parentId: 1 });
