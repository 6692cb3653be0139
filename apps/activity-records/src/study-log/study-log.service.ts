import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import { Principal } from '@campaign/auth';
import { StudyLogged } from '@campaign/contracts';
import { EventPublisher, outboxFields, OutboxRelay } from '@campaign/messaging';
import { AccessService } from '../access/access.service';
import { CampaignService } from '../campaigns/campaign.service';
import { MemberStudyObligations } from '../obligations/member-study.service';
import { unitAt } from '../org-read-model/org-directory.service';
import { LogStudyDto } from './study-log.dto';
import { STUDY_ENTRY, StudyEntry } from './study-entry.schema';

/** A member's study record book (学习记录本): kept by the member, or by their unit for them. */
@Injectable()
export class StudyLogService {
  constructor(
    @InjectModel(STUDY_ENTRY) private readonly entries: Model<StudyEntry>,
    private readonly access: AccessService,
    private readonly campaigns: CampaignService,
    private readonly memberStudy: MemberStudyObligations,
    private readonly publisher: EventPublisher,
    private readonly relay: OutboxRelay,
  ) {}

  async log(principal: Principal, memberId: string, dto: LogStudyDto): Promise<StudyEntry> {
    const { district } = principal;
    const member = await this.access.visibleMember(principal, memberId);
    if (dto.campaignId) await this.campaigns.requireStage(district, dto.campaignId, 'record');
    const recordedBy = principal.memberId === memberId ? 'member' : 'unit';
    const entryId = randomUUID();
    const studiedAt = new Date(`${dto.studiedOn}T12:00:00Z`);
    const memberUnitId = unitAt(member, studiedAt);
    const envelope = this.publisher.envelope(
      StudyLogged,
      { entryId, campaignId: dto.campaignId ?? null, memberId, memberUnitId, studiedOn: dto.studiedOn, topic: dto.topic, hours: dto.hours, recordedBy },
      district,
    );
    await this.entries.create({
      _id: entryId,
      district,
      campaignId: dto.campaignId ?? null,
      memberId,
      memberUnitId,
      studiedOn: dto.studiedOn,
      topic: dto.topic,
      hours: dto.hours,
      notes: dto.notes,
      recordedBy,
      recordedBySub: principal.sub,
      ...outboxFields(envelope),
    });
    this.relay.kick();
    // A record-book entry meets the member's weekly study (in its campaign, or in every campaign under way).
    await this.memberStudy.studied(district, dto.campaignId ?? null, [memberId], studiedAt);
    return this.entries.findOne({ district, _id: entryId }).lean<StudyEntry>().orFail().exec();
  }

  /** The whole book stays with the member across transfers; each entry keeps the unit it was made in. */
  async list(principal: Principal, memberId: string): Promise<StudyEntry[]> {
    await this.access.visibleMember(principal, memberId);
    return this.entries.find({ district: principal.district, memberId }).sort({ studiedOn: -1 }).limit(2000).lean<StudyEntry[]>().exec();
  }

  /** Each entry's unit and hours in the campaign, for participation figures. */
  hoursByUnit(district: string, campaignId: string): Promise<Pick<StudyEntry, 'memberUnitId' | 'hours'>[]> {
    return this.entries.find({ district, campaignId }).select('memberUnitId hours').lean<Pick<StudyEntry, 'memberUnitId' | 'hours'>[]>().exec();
  }
}
