import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import { hasRole, Principal } from '@campaign/auth';
import { TargetCompleted, TargetProgressed, TargetSet } from '@campaign/contracts';
import { EventPublisher, outboxFields, OutboxRelay, withOutbox } from '@campaign/messaging';
import { duplicateKeyCount } from '@campaign/persistence';
import { AccessService } from '../access/access.service';
import { CampaignService } from '../campaigns/campaign.service';
import { badRequest, conflict, forbidden, label, notFound } from '../i18n/messages';
import { ObligationService } from '../obligations/obligation.service';
import { OrgDirectoryService } from '../org-read-model/org-directory.service';
import { OrgMember } from '../org-read-model/org-read-model.schemas';
import { AssignTargetsDto, ReviewTargetDto, TargetFilterDto, TargetProgressDto } from './target.dto';
import { TARGET, Target, TargetStatus } from './target.schema';

export interface AssignOutcome {
  matched: number;
  created: number;
  /** Members who already had a target of this title for the year. */
  existing: number;
}

/** Responsibility targets (责任目标), per member per year; stricter (从严) for leaders and key posts. */
@Injectable()
export class TargetService {
  constructor(
    @InjectModel(TARGET) private readonly targets: Model<Target>,
    private readonly access: AccessService,
    private readonly directory: OrgDirectoryService,
    private readonly campaigns: CampaignService,
    private readonly obligations: ObligationService,
    private readonly publisher: EventPublisher,
    private readonly relay: OutboxRelay,
  ) {}

  /** One request assigns the target to every member the filter selects, within the caller's scope. */
  async assign(principal: Principal, dto: AssignTargetsDto): Promise<AssignOutcome> {
    const { district } = principal;
    const { filter } = dto;
    if (!filter.unitId && !filter.systemId && !filter.memberIds && !filter.leadersOnly && !filter.keyPostsOnly) {
      throw badRequest('target-filter-empty', {}, { field: 'filter' });
    }
    if (filter.unitId) await this.access.managedUnit(principal, filter.unitId);
    const members = await this.selectedWithinScope(principal, filter);
    await this.campaigns.requireStage(district, dto.campaignId, 'record');
    if (members.length === 0) return { matched: 0, created: 0, existing: 0 };
    const already = await this.targets
      .find({ district, campaignId: dto.campaignId, year: dto.year, title: dto.title, memberId: { $in: members.map((m) => m._id) } })
      .select('memberId')
      .lean<Pick<Target, 'memberId'>[]>()
      .exec();
    const assigned = new Set(already.map((t) => t.memberId));
    const dueAt = new Date(dto.dueAt);
    const documents = members
      .filter((member) => !assigned.has(member._id))
      .map((member) => {
        const targetId = randomUUID();
        const strict = member.isLeader || member.isKeyPost;
        const envelope = this.publisher.envelope(
          TargetSet,
          {
            targetId,
            campaignId: dto.campaignId,
            memberId: member._id,
            memberUnitId: member.unitId,
            year: dto.year,
            kind: dto.kind,
            title: dto.title,
            strict,
            dueAt: dueAt.toISOString(),
          },
          district,
        );
        return {
          _id: targetId,
          district,
          campaignId: dto.campaignId,
          memberId: member._id,
          memberUnitId: member.unitId,
          memberUnitPath: member.unitPath,
          year: dto.year,
          kind: dto.kind,
          title: dto.title,
          description: dto.description,
          strict,
          dueAt,
          progress: 0,
          status: 'set' as TargetStatus,
          ...outboxFields(envelope),
        };
      });
    let created = documents.length;
    if (documents.length > 0) {
      try {
        await this.targets.insertMany(documents, { ordered: false });
      } catch (error) {
        const duplicates = duplicateKeyCount(error);
        if (duplicates === null) throw error;
        created -= duplicates;
      }
      this.relay.kick();
    }
    return { matched: members.length, created, existing: members.length - created };
  }

  /**
   * The members a filter selects, refused with 403 when a unit admin aims outside their subtrees: a named member
   * outside them, or a system none of whose selected members is inside them. Other filters only narrow the subtrees.
   */
  private async selectedWithinScope(principal: Principal, filter: TargetFilterDto): Promise<OrgMember[]> {
    const districtWide = hasRole(principal, 'district-admin');
    const wanted = filter.memberIds ? new Set(filter.memberIds) : undefined;
    const narrowsOwnUnits = !districtWide && !wanted && !filter.systemId;
    const withinUnits = narrowsOwnUnits ? principal.units : undefined;
    const found = await this.directory.findActiveMembers(principal.district, { ...filter, withinUnits });
    const selected = wanted ? found.filter((member) => wanted.has(member._id)) : found;
    if (districtWide || narrowsOwnUnits) return selected;
    const inScope = selected.filter((member) => this.access.canManagePath(principal, member.unitPath));
    const outside = selected.find((member) => !this.access.canManagePath(principal, member.unitPath));
    if (outside && wanted) throw forbidden('member-out-of-scope', { memberName: outside.name });
    if (outside && inScope.length === 0) throw forbidden('selection-out-of-scope');
    return inScope;
  }

  async progress(principal: Principal, targetId: string, dto: TargetProgressDto): Promise<Target> {
    const target = await this.own(principal, targetId);
    await this.campaigns.requireStage(principal.district, target.campaignId, 'record');
    const envelope = this.publisher.envelope(
      TargetProgressed,
      { ...this.ref(target), progress: dto.progress, note: dto.note, reportedAt: new Date().toISOString() },
      principal.district,
    );
    await this.changeFrom(principal.district, target, ['set'], withOutbox({ $set: { progress: dto.progress } }, envelope));
    this.relay.kick();
    return this.find(principal.district, targetId);
  }

  /** The member reports the target done; it counts once a manager approves. */
  async requestCompletion(principal: Principal, targetId: string): Promise<Target> {
    const target = await this.own(principal, targetId);
    await this.campaigns.requireStage(principal.district, target.campaignId, 'record');
    await this.changeFrom(principal.district, target, ['set'], { $set: { status: 'completion-requested', progress: 100, completionRequestedAt: new Date() } });
    return this.find(principal.district, targetId);
  }

  async review(principal: Principal, targetId: string, dto: ReviewTargetDto): Promise<Target> {
    const target = await this.find(principal.district, targetId);
    await this.access.managedMember(principal, target.memberId);
    await this.campaigns.requireStage(principal.district, target.campaignId, 'review');
    if (dto.outcome === 'returned') {
      await this.changeFrom(principal.district, target, ['completion-requested'], { $set: { status: 'set', reviewComment: dto.comment } });
      return this.find(principal.district, targetId);
    }
    const completedAt = new Date();
    const envelope = this.publisher.envelope(
      TargetCompleted,
      { ...this.ref(target), completedAt: completedAt.toISOString(), onTime: completedAt.getTime() <= new Date(target.dueAt).getTime() },
      principal.district,
    );
    await this.changeFrom(
      principal.district,
      target,
      ['completion-requested'],
      withOutbox({ $set: { status: 'completed', completedAt, reviewComment: dto.comment } }, envelope),
    );
    this.relay.kick();
    await this.obligations.refresh(principal.district, { kind: 'target', targetId });
    return this.find(principal.district, targetId);
  }

  async forMember(principal: Principal, memberId: string): Promise<Target[]> {
    await this.access.visibleMember(principal, memberId);
    return this.targets.find({ district: principal.district, memberId }).sort({ year: -1, title: 1 }).lean<Target[]>().exec();
  }

  /** Targets whose completion waits for a reviewer. */
  awaitingCompletionReview(district: string, campaignId?: string): Promise<Target[]> {
    return this.targets.find({ district, status: 'completion-requested', ...(campaignId ? { campaignId } : {}) }).lean<Target[]>().exec();
  }

  private async own(principal: Principal, targetId: string): Promise<Target> {
    const target = await this.find(principal.district, targetId);
    if (target.memberId !== principal.memberId) throw forbidden('not-your-record');
    return target;
  }

  private async find(district: string, targetId: string): Promise<Target> {
    const target = await this.targets.findOne({ district, _id: targetId }).lean<Target>().exec();
    if (!target) throw notFound('target-not-found', { targetId });
    return target;
  }

  private async changeFrom(district: string, target: Target, from: TargetStatus[], update: Record<string, unknown>): Promise<void> {
    if (!from.includes(target.status)) throw conflict('target-status', { status: label('target-status', target.status) });
    const result = await this.targets.updateOne({ district, _id: target._id, status: target.status }, update);
    if (result.matchedCount === 0) throw conflict('concurrent-change');
  }

  private ref(target: Target) {
    return {
      targetId: target._id,
      campaignId: target.campaignId,
      memberId: target.memberId,
      memberUnitId: target.memberUnitId,
      year: target.year,
      kind: target.kind,
      title: target.title,
      strict: target.strict,
      dueAt: new Date(target.dueAt).toISOString(),
    };
  }
}
