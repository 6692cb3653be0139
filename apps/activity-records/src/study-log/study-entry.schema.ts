import { randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';
import { outboxPlugin } from '@campaign/messaging';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

export const STUDY_ENTRY = 'StudyEntry';

export interface StudyEntry {
  _id: string;
  district: string;
  campaignId: string | null;
  memberId: string;
  /** The member's unit on the day of study: the entry stays there after a transfer. */
  memberUnitId: string;
  studiedOn: string;
  topic: string;
  hours: number;
  notes?: string;
  recordedBy: 'member' | 'unit';
  recordedBySub: string;
}

export const studyEntrySchema = new Schema(
  {
    _id: { type: String, default: () => randomUUID() },
    campaignId: { type: String, default: null },
    memberId: { type: String, required: true },
    memberUnitId: { type: String, required: true },
    studiedOn: { type: String, required: true },
    topic: { type: String, required: true },
    hours: { type: Number, required: true },
    notes: String,
    recordedBy: { type: String, required: true },
    recordedBySub: { type: String, required: true },
  },
  { ...defaultSchemaOptions, collection: 'study_entries' },
);
studyEntrySchema.plugin(tenantPlugin);
studyEntrySchema.plugin(outboxPlugin);
studyEntrySchema.index({ district: 1, memberId: 1, studiedOn: -1 });
