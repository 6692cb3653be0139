import { randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';
import { outboxPlugin } from '@campaign/messaging';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

export const SUBMISSION = 'Submission';

export type SubmissionKind = 'reflection' | 'research-report';
export type SubmissionStatus = 'submitted' | 'accepted' | 'returned';

export interface Submission {
  _id: string;
  district: string;
  campaignId: string;
  memberId: string;
  memberUnitId: string;
  kind: SubmissionKind;
  year: number;
  title: string;
  content: string;
  status: SubmissionStatus;
  attempt: number;
  dueAt: Date;
  submittedAt: Date;
  reviewedAt?: Date;
  reviewComment?: string;
  history: { status: SubmissionStatus; at: Date; by: string; comment?: string }[];
}

export const submissionSchema = new Schema(
  {
    _id: { type: String, default: () => randomUUID() },
    campaignId: { type: String, required: true },
    memberId: { type: String, required: true },
    memberUnitId: { type: String, required: true },
    kind: { type: String, required: true },
    year: { type: Number, required: true },
    title: { type: String, required: true },
    content: { type: String, required: true },
    status: { type: String, required: true },
    attempt: { type: Number, required: true },
    dueAt: { type: Date, required: true },
    submittedAt: { type: Date, required: true },
    reviewedAt: Date,
    reviewComment: String,
    history: { type: [{ _id: false, status: String, at: Date, by: String, comment: String }], default: [] },
  },
  { ...defaultSchemaOptions, collection: 'submissions' },
);
submissionSchema.plugin(tenantPlugin);
submissionSchema.plugin(outboxPlugin);
submissionSchema.index({ district: 1, campaignId: 1, memberId: 1, kind: 1, year: 1 }, { unique: true });
