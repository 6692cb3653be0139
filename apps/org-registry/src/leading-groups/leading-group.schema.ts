import { Schema } from 'mongoose';
import { outboxPlugin } from '@campaign/messaging';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';
import { GroupSeat, groupSeatSchema } from '../systems/system.schema';
import { SeatTenure } from './seat-history';

export const LEADING_GROUP = 'LeadingGroup';

export type LeadingGroupKind = 'leading-group' | 'working-body';

export interface LeadingGroupDocument {
  _id: string;
  district: string;
  unitId: string;
  unitPath: string[];
  name: string;
  kind: LeadingGroupKind;
  members: GroupSeat[];
  /** Every seat held, with from/to dates and who changed it; written with the seats in one document write. */
  seatHistory: SeatTenure[];
  revision: number;
}

export const leadingGroupSchema = new Schema(
  {
    _id: { type: String, required: true },
    unitId: { type: String, required: true },
    unitPath: { type: [String], required: true },
    name: { type: String, required: true },
    kind: { type: String, enum: ['leading-group', 'working-body'], required: true },
    members: { type: [groupSeatSchema], default: [] },
    seatHistory: {
      type: [
        new Schema(
          { memberId: String, role: String, from: { type: String, default: null }, to: { type: String, default: null }, assignedBy: { type: String, default: null }, endedBy: { type: String, default: null } },
          { _id: false },
        ),
      ],
      default: [],
    },
    revision: { type: Number, required: true },
  },
  { ...defaultSchemaOptions, collection: 'leading_groups' },
);
leadingGroupSchema.plugin(tenantPlugin);
leadingGroupSchema.plugin(outboxPlugin);
leadingGroupSchema.index({ district: 1, unitPath: 1 });
leadingGroupSchema.index({ district: 1, unitId: 1, name: 1 }, { unique: true });
leadingGroupSchema.index({ district: 1, 'seatHistory.memberId': 1 });
