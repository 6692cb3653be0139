import { Schema } from 'mongoose';
import { outboxPlugin } from '@campaign/messaging';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

/**
 * The `scoring.score.changed` events of one applied batch (one lock generation of a campaign's standings), waiting in
 * the outbox. Kept apart from the standings so the relay's scan stays small; pruned once published.
 */
export interface ScoreAnnouncement {
  /** `districtKey(district, campaignId, generation)`: a redone batch is announced once. */
  _id: string;
  district: string;
  campaignId: string;
  generation: number;
  events: number;
  createdAt: Date;
}

export const SCORE_ANNOUNCEMENT = 'ScoreAnnouncement';

export const scoreAnnouncementSchema = new Schema(
  {
    _id: { type: String, required: true },
    campaignId: { type: String, required: true },
    generation: { type: Number, required: true },
    events: { type: Number, required: true },
  },
  { ...defaultSchemaOptions, collection: 'score_announcements' },
);
scoreAnnouncementSchema.plugin(tenantPlugin);
scoreAnnouncementSchema.plugin(outboxPlugin);
scoreAnnouncementSchema.index({ createdAt: 1 });
