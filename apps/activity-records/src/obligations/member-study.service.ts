import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { AnyBulkWriteOperation, Model } from 'mongoose';
import { OutboxRelay, outboxFields, withOutbox } from '@campaign/messaging';
import { bulkWriteSafely, isDuplicateKey, onlyDuplicateKeys } from '@campaign/persistence';
import { ATTENDANCE, Attendance } from '../attendance/attendance.schema';
import { campaignWeek, CampaignWeek, DEFAULT_TIME_ZONE, isStudyWeek, previousCampaignWeek, stageEndsAt } from '../campaigns/campaign-calendar';
import { Campaign } from '../campaigns/campaign.schema';
import { CampaignService } from '../campaigns/campaign.service';
import { OrgDirectoryService, unitAt } from '../org-read-model/org-directory.service';
import { OrgMember } from '../org-read-model/org-read-model.schemas';
import { STUDY_ENTRY, StudyEntry } from '../study-log/study-entry.schema';
import { NamesOf, ObligationAnnouncer } from './obligation-announcer';
import { atRiskWindowMs, obligationStatus } from './obligation-rules';
import { MEMBER_STUDY_OBLIGATION, OBLIGATION_PASS, Obligation, obligationId, ObligationPass, ObligationStatus } from './obligation.schema';
import { owesStudy, weekDays } from './member-study-rules';

type Pass = 'at-risk' | 'missed';
type NewObligation = Omit<Obligation, 'metAt' | 'waivedAt'> & { metAt?: Date };

/** Inserts per command and documents locked at once: bounded so one command never holds the store for long. */
const CHUNK = 500;
const UPDATE_CHUNK = 100;
/** Statuses evidence of study turns into met; from at-risk or missed the change is announced (reminders become moot). */
const UNMET: ObligationStatus[] = ['open', 'at-risk', 'missed'];

/**
 * Each active member's weekly study (每周集中学习): met by attending a collective study or logging study that week.
 * Cheap on a store where updates are scarce: nothing is written for a week until it is met (an insert, when the
 * evidence arrives) or the week's at-risk pass inserts it at risk; the missed pass after the week updates only what is
 * still at risk. Each pass runs once per campaign week (recorded in `obligation_passes`), and both passes judge from
 * the stored records, so evidence whose on-change write was lost still counts.
 */
@Injectable()
export class MemberStudyObligations {
  private readonly atRiskMs: number;

  constructor(
    @InjectModel(MEMBER_STUDY_OBLIGATION) private readonly obligations: Model<Obligation>,
    @InjectModel(OBLIGATION_PASS) private readonly passes: Model<ObligationPass>,
    private readonly campaigns: CampaignService,
    @InjectModel(ATTENDANCE) private readonly attendance: Model<Attendance>,
    @InjectModel(STUDY_ENTRY) private readonly entries: Model<StudyEntry>,
    private readonly directory: OrgDirectoryService,
    private readonly announcer: ObligationAnnouncer,
    private readonly relay: OutboxRelay,
    config: ConfigService,
  ) {
    this.atRiskMs = atRiskWindowMs('member-weekly-study', config.getOrThrow<number>('OBLIGATION_AT_RISK_DAYS'));
  }

  /** These members studied at `at` (attended a collective study, or logged study that day): their week is met. */
  async studied(district: string, campaignId: string | null, memberIds: string[], at: Date, now = new Date()): Promise<void> {
    if (memberIds.length === 0) return;
    for (const campaign of await this.campaigns.operating(district, campaignId)) {
      const week = this.studyWeek(campaign, at);
      if (!week) continue;
      const members = (await this.directory.membersByIds(district, memberIds)).filter((member) => owesStudy(member, week, zoneOf(campaign)));
      if (members.length === 0) continue;
      const existing = await this.ofWeek(district, campaign, week);
      const fresh = members.filter((member) => !existing.has(this.idOf(campaign, member._id, week)));
      await this.insert(district, await this.seeds(district, campaign, week, fresh, { status: 'met', metAt: at }, now));
      const studiedNow = new Set(members.map((member) => member._id));
      const pending = [...existing.values()].filter((o) => UNMET.includes(o.status) && studiedNow.has(o.memberId!));
      await this.transitionAll(district, pending.map((obligation) => ({ obligation, next: 'met' as const })), now, at);
    }
  }

  /** Evidence was withdrawn (an attendance corrected away from present): the member's week is judged again. */
  async reconsider(district: string, campaignId: string, memberId: string, at: Date, now = new Date()): Promise<void> {
    const [campaign] = await this.campaigns.operating(district, campaignId);
    const week = campaign && this.studyWeek(campaign, at);
    if (!week) return;
    const obligation = await this.obligations.findOne({ district, _id: this.idOf(campaign, memberId, week) }).lean<Obligation>().exec();
    if (obligation?.status !== 'met' || (await this.evidence(district, campaign, week, memberId)).has(memberId)) return;
    const next = obligationStatus({ dueAt: obligation.dueAt, now, satisfiedAt: null, atRiskMs: this.atRiskMs });
    // Back to open is as if never written: the at-risk pass will find the week unmet.
    if (next === 'open') await this.obligations.deleteOne({ district, _id: obligation._id, status: 'met' });
    else await this.transitionAll(district, [{ obligation, next }], now, now);
  }

  /** The week's passes that are due: at risk inside the week's window, missed once it is over. Run by the evaluator. */
  async runDuePasses(district: string, campaign: Campaign, now = new Date()): Promise<void> {
    if (campaign.stage !== 'operation') return;
    const current = campaignWeek(campaign, now);
    const last = current ? previousCampaignWeek(campaign, current) : campaignWeek(campaign, new Date(stageEndsAt(campaign, 'operation').getTime() - 1));
    const done = new Set((await this.passes.find({ district, campaignId: campaign._id }).select('_id').lean<Pick<ObligationPass, '_id'>[]>().exec()).map((p) => p._id));
    if (last && isStudyWeek(campaign, last) && now >= last.endsAt && !done.has(passId(campaign, last, 'missed'))) {
      await this.missedPass(district, campaign, last, now, done.has(passId(campaign, last, 'at-risk')));
    }
    if (current && isStudyWeek(campaign, current) && now.getTime() >= current.endsAt.getTime() - this.atRiskMs && !done.has(passId(campaign, current, 'at-risk'))) {
      await this.atRiskPass(district, campaign, current, now);
    }
  }

  /** The week in progress for a member who owes it and has nothing stored for it yet: shown as open, never stored. */
  async openWeeks(district: string, member: OrgMember, stored: Obligation[], now = new Date()): Promise<Obligation[]> {
    const open: Obligation[] = [];
    for (const campaign of await this.campaigns.operating(district, null)) {
      const week = this.studyWeek(campaign, now);
      if (!week || !owesStudy(member, week, zoneOf(campaign))) continue;
      const id = this.idOf(campaign, member._id, week);
      if (stored.some((o) => o._id === id)) continue;
      const [seed] = await this.seeds(district, campaign, week, [member], { status: 'open' }, now);
      open.push(seed as Obligation);
    }
    return open;
  }

  /** Every unmet member is at risk; members with evidence already are met (quietly, as if on change). */
  private async atRiskPass(district: string, campaign: Campaign, week: CampaignWeek, now: Date): Promise<void> {
    await this.seedUnwritten(district, campaign, week, 'at-risk', now);
    await this.markDone(district, campaign, week, 'at-risk', now);
  }

  /** What is still at risk after the week is missed, or met if evidence arrived unnoticed, or waived for a leaver. */
  private async missedPass(district: string, campaign: Campaign, week: CampaignWeek, now: Date, atRiskPassDone: boolean): Promise<void> {
    // No at-risk announcement for a week already over: the members who were never put at risk go straight to missed.
    if (!atRiskPassDone) await this.seedUnwritten(district, campaign, week, 'missed', now);
    const atRisk = await this.obligations.find({ district, campaignId: campaign._id, periodKey: week.key, status: 'at-risk' }).lean<Obligation[]>().exec();
    if (atRisk.length > 0) {
      const studied = await this.evidence(district, campaign, week);
      const members = new Map((await this.directory.membersByIds(district, atRisk.map((o) => o.memberId!))).map((m) => [m._id, m]));
      const next = (o: Obligation): ObligationStatus => {
        if (studied.has(o.memberId!)) return 'met';
        const member = members.get(o.memberId!);
        return member && owesStudy(member, week, zoneOf(campaign)) ? 'missed' : 'waived';
      };
      await this.transitionAll(district, atRisk.map((obligation) => ({ obligation, next: next(obligation) })), now, now);
    }
    await this.markDone(district, campaign, week, 'missed', now);
  }

  /** Inserts the week for every member who owes it and has nothing stored: `status` unless there is evidence (met). */
  private async seedUnwritten(district: string, campaign: Campaign, week: CampaignWeek, status: 'at-risk' | 'missed', now: Date): Promise<void> {
    const zone = zoneOf(campaign);
    const [members, existing, studied] = await Promise.all([
      this.directory.activeMembers(district),
      this.ofWeek(district, campaign, week),
      this.evidence(district, campaign, week),
    ]);
    const owing = members.filter((member) => owesStudy(member, week, zone) && !existing.has(this.idOf(campaign, member._id, week)));
    const met = await this.seeds(district, campaign, week, owing.filter((m) => studied.has(m._id)), { status: 'met', metAt: now }, now);
    const unmet = await this.seeds(district, campaign, week, owing.filter((m) => !studied.has(m._id)), { status }, now);
    const namesOf = await this.announcer.namesOf(district, unmet as Obligation[]);
    const announced = unmet.map((seed) => ({ ...seed, ...outboxFields(this.announcer.envelope(district, seed as Obligation, status, now, namesOf(seed as Obligation))!) }));
    await this.insert(district, [...met, ...announced]);
    if (announced.length > 0) this.relay.kick();
  }

  private async seeds(
    district: string,
    campaign: Campaign,
    week: CampaignWeek,
    members: OrgMember[],
    state: { status: ObligationStatus; metAt?: Date },
    now: Date,
  ): Promise<NewObligation[]> {
    const attributedAt = new Date(week.endsAt.getTime() - 1);
    const elsewhere = members.filter((member) => unitAt(member, attributedAt) !== member.unitId);
    const paths = new Map((await Promise.all(elsewhere.map((m) => this.directory.unit(district, unitAt(m, attributedAt))))).flatMap((u) => (u ? [[u._id, u.path] as const] : [])));
    return members.map((member) => {
      const unitId = unitAt(member, attributedAt);
      return {
        _id: this.idOf(campaign, member._id, week),
        district,
        campaignId: campaign._id,
        kind: 'member-weekly-study',
        memberId: member._id,
        unitId,
        unitPath: unitId === member.unitId ? member.unitPath : (paths.get(unitId) ?? [unitId]),
        periodKey: week.key,
        dueAt: attributedAt,
        statusChangedAt: now,
        ...state,
      };
    });
  }

  /** Unique ids make the inserts idempotent across replicas; FerretDB 1.x stops a batch at a duplicate, so the rest is retried. */
  private async insert(district: string, documents: NewObligation[]): Promise<void> {
    for (let start = 0; start < documents.length; start += CHUNK) {
      let chunk = documents.slice(start, start + CHUNK);
      while (chunk.length > 0) {
        try {
          await this.obligations.insertMany(chunk, { ordered: false });
          break;
        } catch (error) {
          if (!onlyDuplicateKeys(error)) throw error;
          const stored = await this.obligations.find({ district, _id: { $in: chunk.map((d) => d._id) } }).select('_id').lean<Pick<Obligation, '_id'>[]>().exec();
          const present = new Set(stored.map((d) => d._id));
          const rest = chunk.filter((d) => !present.has(d._id));
          if (rest.length === chunk.length) throw error;
          chunk = rest;
        }
      }
    }
  }

  /** Compare-and-set on each previous status (bulkWriteSafely takes the documents' locks where the store needs them); each change announced once. */
  private async transitionAll(district: string, changes: { obligation: Obligation; next: ObligationStatus }[], now: Date, metAt: Date): Promise<void> {
    const real = changes.filter(({ obligation, next }) => obligation.status !== next);
    if (real.length === 0) return;
    const namesOf: NamesOf = await this.announcer.namesOf(district, real.map((c) => c.obligation));
    let announced = false;
    for (let start = 0; start < real.length; start += UPDATE_CHUNK) {
      const chunk = real.slice(start, start + UPDATE_CHUNK);
      const operations: AnyBulkWriteOperation<Obligation>[] = chunk.map(({ obligation, next }) => {
        // Met straight from open is not news; from at-risk or missed it makes reminders moot.
        const quiet = next === 'met' && obligation.status === 'open';
        const envelope = quiet ? null : this.announcer.envelope(district, obligation, next, next === 'met' ? metAt : now, namesOf(obligation));
        const set = { status: next, statusChangedAt: now, ...(next === 'met' ? { metAt } : {}), ...(next === 'waived' ? { waivedAt: now } : {}) };
        announced = announced || Boolean(envelope);
        return { updateOne: { filter: { district, _id: obligation._id, status: obligation.status }, update: envelope ? withOutbox({ $set: set }, envelope) : { $set: set } } };
      });
      await bulkWriteSafely(this.obligations, operations, { ordered: false });
    }
    if (announced) this.relay.kick();
  }

  /** Who has studied in the week: present at any collective study, or an entry in their record book. */
  private async evidence(district: string, campaign: Campaign, week: CampaignWeek, memberId?: string): Promise<Set<string>> {
    const { first, last } = weekDays(week, zoneOf(campaign));
    const one = memberId ? { memberId } : {};
    const [present, logged] = await Promise.all([
      this.attendance
        .find({ district, ...one, activityKind: 'collective-study', status: 'present', activityAt: { $gte: week.startsAt, $lt: week.endsAt } })
        .select('memberId')
        .lean<Pick<Attendance, 'memberId'>[]>()
        .exec(),
      this.entries
        .find({ district, ...one, studiedOn: { $gte: first, $lte: last } })
        .select('memberId campaignId')
        .lean<Pick<StudyEntry, 'memberId' | 'campaignId'>[]>()
        .exec(),
    ]);
    return new Set([...present.map((a) => a.memberId), ...logged.filter((e) => !e.campaignId || e.campaignId === campaign._id).map((e) => e.memberId)]);
  }

  private async ofWeek(district: string, campaign: Campaign, week: CampaignWeek): Promise<Map<string, Obligation>> {
    const stored = await this.obligations.find({ district, campaignId: campaign._id, periodKey: week.key }).lean<Obligation[]>().exec();
    return new Map(stored.map((o) => [o._id, o]));
  }

  private studyWeek(campaign: Campaign, at: Date): CampaignWeek | null {
    const week = campaignWeek(campaign, at);
    return week && isStudyWeek(campaign, week) ? week : null;
  }

  private idOf(campaign: Campaign, memberId: string, week: CampaignWeek): string {
    return obligationId(campaign._id, 'member-weekly-study', memberId, week.key);
  }

  private async markDone(district: string, campaign: Campaign, week: CampaignWeek, pass: Pass, now: Date): Promise<void> {
    try {
      await this.passes.create({ _id: passId(campaign, week, pass), district, campaignId: campaign._id, completedAt: now });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
}

function passId(campaign: Campaign, week: CampaignWeek, pass: Pass): string {
  return `${campaign._id}:${week.key}:${pass}`;
}

function zoneOf(campaign: Campaign): string {
  return campaign.timeZone ?? DEFAULT_TIME_ZONE;
}
