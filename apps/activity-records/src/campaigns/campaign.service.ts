import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import { ActivityKind, CampaignLaunched, CampaignStageChanged } from '@campaign/contracts';
import { EventPublisher, outboxFields, OutboxRelay, withOutbox } from '@campaign/messaging';
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
      { campaignId, name: dto.name, mobilisedOn: dto.mobilisedOn, stages: dto.stages },
      district,
    );
    await this.campaigns.create({
      _id: campaignId,
      district,
      name: dto.name,
      mobilisedOn: dto.mobilisedOn,
      stages: dto.stages,
      stage: 'planning',
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
    if (!campaign) throw new NotFoundException(`campaign ${campaignId} not found`);
    return campaign;
  }

  /** The campaign, if its current stage allows the action; 409 with the reason otherwise. */
  async requireStage(district: string, campaignId: string, action: StageAction, activityKind?: ActivityKind): Promise<Campaign> {
    const campaign = await this.get(district, campaignId);
    const refusal = stageRefusal(campaign.stage, action, activityKind);
    if (refusal) throw new ConflictException(refusal);
    return campaign;
  }

  async changeStage(district: string, campaignId: string, to: CampaignStage): Promise<Campaign> {
    const campaign = await this.get(district, campaignId);
    if (nextStage(campaign.stage) !== to) throw new ConflictException(`a campaign in its ${campaign.stage} stage cannot move to ${to}`);
    const envelope = this.publisher.envelope(CampaignStageChanged, { campaignId, from: campaign.stage, to, changedAt: new Date().toISOString() }, district);
    // Compare-and-set on the stage: of two concurrent changes only one wins and announces itself.
    const result = await this.campaigns.updateOne({ district, _id: campaignId, stage: campaign.stage }, withOutbox({ $set: { stage: to } }, envelope));
    if (result.modifiedCount === 0) throw new ConflictException('the campaign changed stage meanwhile; reload and retry');
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
}
