import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import { ActivityKind, CampaignLaunched, CampaignStageChanged } from '@campaign/contracts';
import { EventPublisher, outboxFields, OutboxRelay, withOutbox } from '@campaign/messaging';
import { acrossDistricts } from '@campaign/persistence';
import { conflict, label, list, notFound } from '../i18n/messages';
import { DEFAULT_TIME_ZONE } from './campaign-calendar';
import { AddCarrierDto, AddThemeDto, LaunchCampaignDto } from './campaign.dto';
import { CAMPAIGN, Campaign } from './campaign.schema';
import { CampaignStage, nextStage, StageAction, stageRefusal } from './stage-rules';

@Injectable()
export class CampaignService {
  constructor(
    @InjectModel(CAMPAIGN) private readonly campaigns: Model<Campaign>,
    private readonly publisher: EventPublisher,
    private readonly relay: OutboxRelay,
  ) {}

  async launch(district: string, dto: LaunchCampaignDto): Promise<Campaign> {
    const campaignId = randomUUID();
    const envelope = this.publisher.envelope(
      CampaignLaunched,
      { campaignId, name: dto.name, mobilisedOn: dto.mobilisedOn, stages: dto.stages, timeZone: dto.timeZone ?? DEFAULT_TIME_ZONE },
      district,
    );
    await this.campaigns.create({
      _id: campaignId,
      district,
      name: dto.name,
      mobilisedOn: dto.mobilisedOn,
      stages: dto.stages,
      stage: 'planning',
      timeZone: dto.timeZone ?? DEFAULT_TIME_ZONE,
      planDueAt: new Date(dto.planDueAt),
      ...outboxFields(envelope),
    });
    this.relay.kick();
    return this.get(district, campaignId);
  }

  list(district: string): Promise<Campaign[]> {
    return this.campaigns.find({ district }).sort({ mobilisedOn: -1 }).lean<Campaign[]>().exec();
  }

  async get(district: string, campaignId: string): Promise<Campaign> {
    const campaign = await this.campaigns.findOne({ district, _id: campaignId }).lean<Campaign>().exec();
    if (!campaign) throw notFound('campaign-not-found', { campaignId });
    return campaign;
  }

  /** The campaign, if its current stage allows the action; 409 with the reason otherwise. */
  async requireStage(district: string, campaignId: string, action: StageAction, activityKind?: ActivityKind): Promise<Campaign> {
    const campaign = await this.get(district, campaignId);
    const refusal = stageRefusal(campaign.stage, action, activityKind);
    if (refusal?.reason === 'stage') throw conflict('stage-forbids', { stage: label('stage', campaign.stage), action: label('action', action) });
    if (refusal?.reason === 'activity-kind') {
      throw conflict('stage-forbids-activity-kind', { kinds: list(refusal.allowedKinds.map((kind) => label('activity-kind', kind))) });
    }
    return campaign;
  }

  async changeStage(district: string, campaignId: string, to: CampaignStage): Promise<Campaign> {
    const campaign = await this.get(district, campaignId);
    if (nextStage(campaign.stage) !== to) throw conflict('stage-not-next', { from: label('stage', campaign.stage), to: label('stage', to) });
    const changedAt = new Date();
    const envelope = this.publisher.envelope(CampaignStageChanged, { campaignId, from: campaign.stage, to, changedAt: changedAt.toISOString() }, district);
    const set = { stage: to, ...(to === 'operation' ? { operationStartedAt: changedAt } : {}) };
    // Compare-and-set on the stage: of two concurrent changes only one wins and announces itself.
    const result = await this.campaigns.updateOne({ district, _id: campaignId, stage: campaign.stage }, withOutbox({ $set: set }, envelope));
    if (result.modifiedCount === 0) throw conflict('concurrent-change');
    this.relay.kick();
    return this.get(district, campaignId);
  }

  async addTheme(district: string, campaignId: string, dto: AddThemeDto): Promise<Campaign> {
    await this.get(district, campaignId);
    await this.campaigns.updateOne({ district, _id: campaignId }, { $push: { themes: { themeId: randomUUID(), title: dto.title } } });
    return this.get(district, campaignId);
  }

  async addCarrier(district: string, campaignId: string, dto: AddCarrierDto): Promise<Campaign> {
    await this.get(district, campaignId);
    await this.campaigns.updateOne(
      { district, _id: campaignId },
      { $push: { carriers: { carrierId: randomUUID(), name: dto.name, description: dto.description } } },
    );
    return this.get(district, campaignId);
  }

  /** Campaigns whose obligations are still being tracked. */
  active(district: string): Promise<Campaign[]> {
    return this.campaigns.find({ district, stage: { $in: ['planning', 'operation'] } }).lean<Campaign[]>().exec();
  }

  activeInEveryDistrict(): Promise<Campaign[]> {
    return acrossDistricts(this.campaigns.find({ stage: { $in: ['planning', 'operation'] } }).lean<Campaign[]>());
  }

  /** Campaigns in their operation stage: the one named, or every one of the district. */
  operating(district: string, campaignId: string | null): Promise<Campaign[]> {
    return this.campaigns.find({ district, stage: 'operation', ...(campaignId ? { _id: campaignId } : {}) }).lean<Campaign[]>().exec();
  }

  names(district: string, campaignIds: string[]): Promise<Pick<Campaign, '_id' | 'name'>[]> {
    return this.campaigns.find({ district, _id: { $in: campaignIds } }).select('name').lean<Pick<Campaign, '_id' | 'name'>[]>().exec();
  }

  carriers(district: string, campaignIds: string[]): Promise<Pick<Campaign, 'carriers'>[]> {
    return this.campaigns.find({ district, _id: { $in: campaignIds } }).select('carriers').lean<Pick<Campaign, 'carriers'>[]>().exec();
  }
}
