import { Schema } from 'mongoose';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

/**
 * One ranking, kept sorted (points desc, subject asc) as standings change: the units of the district or the members
 * of a unit, for a campaign and period. A page is one read by `_id`, where the standings would take a scan.
 */
export interface RankingBoard {
  /** `boardId(district, campaignId, period, board)`. */
  _id: string;
  district: string;
  campaignId: string;
  period: string;
  /** `district-units` or `unit-members:<unitId>`. */
  board: string;
  /** `storeEntries(...)`: sorted by points desc, then subject. */
  entries: string;
  updatedAt: Date;
}

export const RankingBoardSchema = new Schema(
  {
    _id: { type: String, required: true },
    campaignId: { type: String, required: true },
    period: { type: String, required: true },
    board: { type: String, required: true },
    entries: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  // Replaced whole on every change: the writer sets `updatedAt`, a creation time would not survive a replace.
  { ...defaultSchemaOptions, timestamps: false, collection: 'ranking_boards' },
);
RankingBoardSchema.plugin(tenantPlugin);
RankingBoardSchema.index({ district: 1, campaignId: 1 });
