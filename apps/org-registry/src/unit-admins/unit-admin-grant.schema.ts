import { Schema } from 'mongoose';
import { outboxPlugin } from '@campaign/messaging';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

export const UNIT_ADMIN_GRANT = 'UnitAdminGrant';

/** One period in which the member administered the unit; `to` is null while it lasts. */
export interface GrantTenure {
  from: string;
  to: string | null;
  grantedBy: string;
  revokedBy: string | null;
}

/**
 * Who administers which unit: one document per unit and member (its id derives from both), holding every tenure,
 * so granting twice collides on the id and the history is changed by single-document writes.
 */
export interface UnitAdminGrantDocument {
  _id: string;
  district: string;
  unitId: string;
  memberId: string;
  active: boolean;
  tenures: GrantTenure[];
  revision: number;
}

export const unitAdminGrantSchema = new Schema(
  {
    _id: { type: String, required: true },
    unitId: { type: String, required: true },
    memberId: { type: String, required: true },
    active: { type: Boolean, required: true },
    tenures: {
      type: [new Schema({ from: String, to: { type: String, default: null }, grantedBy: String, revokedBy: { type: String, default: null } }, { _id: false })],
      default: [],
    },
    revision: { type: Number, required: true },
  },
  { ...defaultSchemaOptions, collection: 'unit_admin_grants' },
);
unitAdminGrantSchema.plugin(tenantPlugin);
unitAdminGrantSchema.plugin(outboxPlugin);
unitAdminGrantSchema.index({ district: 1, unitId: 1 });
unitAdminGrantSchema.index({ district: 1, memberId: 1 });
