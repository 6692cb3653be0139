import { Schema } from 'mongoose';
import { outboxPlugin } from '@campaign/messaging';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';
import { Ranked } from '../rules/ranking';
import { RankingScope } from './ranking.types';

/** A published ranking, frozen as it was: what was announced (and at appraisal close) never changes afterwards. */
export interface RankingSnapshot {
  district: string;
  campaignId: string;
  rankingId: string;
  scope: RankingScope;
  scopeId: string | null;
  period: string;
  publishedBy: string;
  publishedAt: Date;
  /** With each subject's name as it was when published. */
  entries: Array<Ranked & { subjectName: string | null }>;
}

export const RANKING_SNAPSHOT = 'RankingSnapshot';

export const rankingSnapshotSchema = new Schema(
  {
    campaignId: { type: String, required: true },
    rankingId: { type: String, required: true },
    scope: { type: String, required: true },
    scopeId: { type: String, default: null },
    period: { type: String, required: true },
    publishedBy: { type: String, required: true },
    publishedAt: { type: Date, required: true },
    entries: { type: [{ _id: false, subjectId: String, subjectName: { type: String, default: null }, points: Number, rank: Number }], default: [] },
  },
  { ...defaultSchemaOptions, collection: 'ranking_snapshots' },
);
rankingSnapshotSchema.plugin(tenantPlugin);
rankingSnapshotSchema.plugin(outboxPlugin);
rankingSnapshotSchema.index({ district: 1, rankingId: 1 }, { unique: true });
rankingSnapshotSchema.index({ district: 1, campaignId: 1, publishedAt: -1 });
