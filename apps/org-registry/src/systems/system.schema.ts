import { Schema } from 'mongoose';
import { LEADING_GROUP_ROLES } from '@campaign/contracts';
import { outboxPlugin } from '@campaign/messaging';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

export const ORG_SYSTEM = 'OrgSystem';

export type GroupRole = (typeof LEADING_GROUP_ROLES)[number];

export interface GroupSeat {
  memberId: string;
  role: GroupRole;
}

export interface SystemDocument {
  _id: string;
  district: string;
  code: string;
  name: string;
  leadUnitId: string | null;
  unitIds: string[];
  /** The industry guidance group (行业指导小组) of the system. */
  guidanceGroup: GroupSeat[];
  revision: number;
}

export const groupSeatSchema = new Schema<GroupSeat>(
  { memberId: { type: String, required: true }, role: { type: String, enum: LEADING_GROUP_ROLES, required: true } },
  { _id: false },
);

export const systemSchema = new Schema(
  {
    _id: { type: String, required: true },
    code: { type: String, required: true },
    name: { type: String, required: true },
    leadUnitId: { type: String, default: null },
    unitIds: { type: [String], default: [] },
    guidanceGroup: { type: [groupSeatSchema], default: [] },
    revision: { type: Number, required: true },
  },
  { ...defaultSchemaOptions, collection: 'systems' },
);
systemSchema.plugin(tenantPlugin);
systemSchema.plugin(outboxPlugin);
systemSchema.index({ district: 1, code: 1 }, { unique: true });
