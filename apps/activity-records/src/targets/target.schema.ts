import { randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';
import { outboxPlugin } from '@campaign/messaging';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

export const TARGET = 'Target';

export type TargetKind = 'common' | 'individual';
export type TargetStatus = 'set' | 'completion-requested' | 'completed';

export interface Target {
  _id: string;
  district: string;
  campaignId: string;
  memberId: string;
  memberUnitId: string;
  memberUnitPath: string[];
  year: number;
  kind: TargetKind;
  title: string;
  description?: string;
  /** Stricter targets (从严) for leaders and key posts. */
  strict: boolean;
  dueAt: Date;
  progress: number;
  status: TargetStatus;
  /** When the member reported it done: its place in the reviewer's queue. */
  completionRequestedAt?: Date;
  completedAt?: Date;
  reviewComment?: string;
}

export const targetSchema = new Schema(
  {
    _id: { type: String, default: () => randomUUID() },
    campaignId: { type: String, required: true },
    memberId: { type: String, required: true },
    memberUnitId: { type: String, required: true },
    memberUnitPath: { type: [String], default: [] },
    year: { type: Number, required: true },
    kind: { type: String, required: true },
    title: { type: String, required: true },
    description: String,
    strict: { type: Boolean, required: true },
    dueAt: { type: Date, required: true },
    progress: { type: Number, default: 0 },
    status: { type: String, required: true },
    completionRequestedAt: Date,
    completedAt: Date,
    reviewComment: String,
  },
  { ...defaultSchemaOptions, collection: 'targets' },
);
targetSchema.plugin(tenantPlugin);
targetSchema.plugin(outboxPlugin);
// One target of a title per member and year: a repeated bulk assignment adds nothing.
targetSchema.index({ district: 1, campaignId: 1, memberId: 1, year: 1, title: 1 }, { unique: true });
