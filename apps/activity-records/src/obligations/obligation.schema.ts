import { Schema } from 'mongoose';
import { OBLIGATION_KINDS, OBLIGATION_STATUSES } from '@campaign/contracts';
import { outboxPlugin } from '@campaign/messaging';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

export const OBLIGATION = 'Obligation';
/** Members' weekly study, kept apart: one per member and week, so the minute-by-minute evaluation never reads them. */
export const MEMBER_STUDY_OBLIGATION = 'MemberStudyObligation';
export const OBLIGATION_PASS = 'ObligationPass';

export type ObligationKind = (typeof OBLIGATION_KINDS)[number];
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

export interface Obligation {
  /** `<campaign>:<kind>:<subject>:<period>`: deterministic, so every replica materialises the same document. */
  _id: string;
  district: string;
  campaignId: string;
  kind: ObligationKind;
  memberId: string | null;
  unitId: string;
  /** The subject's unit path, for subtree compliance views. */
  unitPath: string[];
  periodKey: string;
  /** For target obligations, the target they track and its title. */
  targetId?: string;
  title?: string;
  dueAt: Date;
  status: ObligationStatus;
  statusChangedAt: Date;
  metAt?: Date;
  waivedAt?: Date;
}

function obligationSchemaIn(collection: string): Schema {
  const schema = new Schema(
    {
      _id: { type: String, required: true },
      campaignId: { type: String, required: true },
      kind: { type: String, required: true },
      memberId: { type: String, default: null },
      unitId: { type: String, required: true },
      unitPath: { type: [String], index: true },
      periodKey: { type: String, required: true },
      targetId: String,
      title: String,
      dueAt: { type: Date, required: true },
      status: { type: String, required: true },
      statusChangedAt: { type: Date, required: true },
      metAt: Date,
      waivedAt: Date,
    },
    { ...defaultSchemaOptions, collection },
  );
  schema.plugin(tenantPlugin);
  schema.plugin(outboxPlugin);
  schema.index({ district: 1, campaignId: 1, kind: 1, status: 1 });
  schema.index({ district: 1, memberId: 1 });
  return schema;
}

export const obligationSchema = obligationSchemaIn('obligations');
export const memberStudyObligationSchema = obligationSchemaIn('member_study_obligations');
memberStudyObligationSchema.index({ district: 1, campaignId: 1, periodKey: 1, status: 1 });

/** A weekly pass done for a campaign week (`<campaign>:<week>:<pass>`), so no replica does it again. */
export interface ObligationPass {
  _id: string;
  district: string;
  campaignId: string;
  completedAt: Date;
}

export const obligationPassSchema = new Schema(
  {
    _id: { type: String, required: true },
    campaignId: { type: String, required: true },
    completedAt: { type: Date, required: true },
  },
  { ...defaultSchemaOptions, collection: 'obligation_passes' },
);
obligationPassSchema.plugin(tenantPlugin);

export function obligationId(campaignId: string, kind: ObligationKind, subjectId: string, periodKey: string): string {
  return `${campaignId}:${kind}:${subjectId}:${periodKey}`;
}
