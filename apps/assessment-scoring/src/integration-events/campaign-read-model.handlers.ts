import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CampaignLaunched, CampaignStageChanged, EventEnvelope, PayloadOf } from '@campaign/contracts';
import { InboxEventPattern } from '@campaign/messaging';
import { isDuplicateKey, KeyedSerialiser } from '@campaign/persistence';
import { CampaignView } from './read-model.schemas';

/** Which stage each campaign is in: the appraisal is open only in the appraisal stage. */
@Controller()
export class CampaignReadModelHandlers {
  // FerretDB 1.x evaluates a conditional update's filter and applies it non-atomically: one campaign's changes go one at a time.
  private readonly campaignsInOrder = new KeyedSerialiser();

  constructor(@InjectModel('CampaignView') private readonly campaigns: Model<CampaignView>) {}

  @InboxEventPattern(CampaignLaunched)
  async onLaunched(@Payload() event: EventEnvelope<PayloadOf<typeof CampaignLaunched>>): Promise<void> {
    const { campaignId, name } = event.payload;
    await this.campaignsInOrder.run(`${event.district}|${campaignId}`, async () => {
      try {
        await this.campaigns.updateOne(
          { district: event.district, campaignId },
          { $set: { name }, $setOnInsert: { stage: 'planning', stageChangedAt: new Date(0) } },
          { upsert: true },
        );
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    });
  }

  /** Applied only when newer than the stage held, so a redelivered or reordered change cannot move a campaign back. */
  @InboxEventPattern(CampaignStageChanged)
  async onStageChanged(@Payload() event: EventEnvelope<PayloadOf<typeof CampaignStageChanged>>): Promise<void> {
    const { campaignId, to, changedAt } = event.payload;
    await this.campaignsInOrder.run(`${event.district}|${campaignId}`, () => this.applyStage(event.district, campaignId, to, changedAt));
  }

  private async applyStage(district: string, campaignId: string, to: CampaignView['stage'], changedAt: string): Promise<void> {
    try {
      await this.campaigns.updateOne(
        { district, campaignId, stageChangedAt: { $lt: new Date(changedAt) } },
        { $set: { stage: to, stageChangedAt: new Date(changedAt) }, $setOnInsert: { name: campaignId } },
        { upsert: true },
      );
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
}
