import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { ORG_MEMBER } from '@campaign/org-read-model';
import { byDistrictKey, districtKey, insertNew, isDuplicateKey, KeyedSerialiser } from '@campaign/persistence';
import { MemberView } from '../integration-events/read-model.schemas';
import { CountedFactFilter, Fact } from '../rules/facts';
import { MemberContextCache, ScoringMember } from '../common/member-context-cache';
import { recordKey } from '../common/revised-cache';
import { CounterRequest, Counters, counterRequests, EngineLine, evaluate } from '../rules/rule-engine';
import { reason } from '../rules/reasons';
import { SchemeVersion } from '../rules/scheme.definition';
import { SchemesService } from '../schemes/schemes.service';
import { LedgerLine } from './ledger-line.schema';
import { LedgerService, LineDraft } from './ledger.service';
import { SCORE_FACT, ScoreFact } from './score-fact.schema';

export class ConcurrentCorrectionError extends Error {
  constructor(factKey: string) {
    super(`${factKey} was changed concurrently; the event will be redelivered and retried`);
    this.name = 'ConcurrentCorrectionError';
  }
}

/** One version of a record to score: `order` tells a correction (larger) from what it corrects. */
export interface RecordedFact {
  order: number;
  fact: Fact;
}

/** What a fact document stores besides its key and district. */
function factFields(order: number, fact: Fact) {
  return {
    campaignId: fact.campaignId,
    factKey: fact.factKey,
    eventId: fact.eventId,
    order,
    type: fact.type,
    memberId: fact.memberId,
    unitId: fact.unitId,
    at: new Date(fact.at),
    ...fact.keys,
    activityKind: 'activityKind' in fact ? fact.activityKind : null,
    status: fact.type === 'attendance' ? fact.status : null,
    submissionKind: fact.type === 'submission' ? fact.submissionKind : null,
    outcome: fact.type === 'submission' ? fact.outcome : null,
    fact,
  };
}

function memo<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = load();
    cache.set(key, value);
  }
  return value;
}

function countedFilter(filter: CountedFactFilter): FilterQuery<ScoreFact> {
  if (filter.type === 'attendance') return { type: 'attendance', status: 'present', activityKind: { $in: filter.activityKinds } };
  if (filter.type === 'submission') return { type: 'submission', outcome: 'accepted', submissionKind: { $in: filter.submissionKinds } };
  return { type: 'study' };
}

/** Turns activity records into ledger lines: keeps the record as a fact, resolves counters, runs the engine, appends. */
@Injectable()
export class ScoringService {
  private readonly subjects = new KeyedSerialiser();

  constructor(
    @InjectModel(SCORE_FACT) private readonly facts: Model<ScoreFact>,
    @InjectModel(ORG_MEMBER) private readonly members: Model<MemberView>,
    private readonly ledger: LedgerService,
    private readonly schemes: SchemesService,
    private readonly contexts: MemberContextCache,
  ) {}

  /**
   * Records a fact for a record (`factKey`) and scores it. A newer version of the record (a correction, higher
   * `order`) replaces the fact and reverses the lines of the versions it superseded; an older one is ignored.
   * Resolves to whether this very event was recorded before (a redelivery: only what it left pending is done).
   */
  /** A campaign's stored facts in the order they happened, with the day each counts on. */
  factsOfCampaign(district: string, campaignId: string) {
    return this.facts.find({ district, campaignId }).sort({ at: 1, factKey: 1 }).select('day fact').lean().exec();
  }

  async record(district: string, order: number, fact: Fact): Promise<boolean> {
    // Caps and required counts read what the subject has so far: one subject's facts are scored one at a time.
    return this.subjects.run(`${district}|${fact.memberId ?? `unit:${fact.unitId}`}`, () => this.recordInOrder(district, order, fact));
  }

  /**
   * Records and scores a fetch's facts together. A first version of a record whose rules read no counter (no cap, no
   * required count: nothing it scores depends on what else was recorded) is inserted with the others in one command,
   * and their lines are appended in one command and applied in one hold of the standings. The rest (corrections,
   * redeliveries, facts that capped or counted rules score) are then recorded one by one, in order, as `record` does.
   * Resolves to the ids of the events recorded before (redeliveries).
   */
  async recordBatch(district: string, items: RecordedFact[]): Promise<Set<string>> {
    const schemes = new Map<string, Promise<SchemeVersion | null>>();
    const schemeOf = (fact: Fact) => memo(schemes, `${fact.campaignId}|${fact.keys.day}`, () => this.schemes.inForce(district, fact.campaignId, fact.keys.day));
    const alone = new Set<RecordedFact>();
    const together: RecordedFact[] = [];
    for (const item of items) {
      const scheme = await schemeOf(item.fact);
      if (scheme && counterRequests(item.fact, scheme).length === 0) together.push(item);
      else alone.add(item);
    }
    const documents = together.map(({ order, fact }) => ({ _id: districtKey(district, fact.campaignId, fact.factKey), district, ...factFields(order, fact), supersededEventIds: [] as string[] }));
    const { duplicates } = await insertNew(this.facts, documents);
    // A record already there (before or earlier in this fetch) is a redelivery or a correction: `record` sorts out which.
    const refused = new Set(duplicates);
    const fresh: RecordedFact[] = [];
    together.forEach((item, index) => (refused.has(documents[index]) ? alone.add(item) : fresh.push(item)));
    const members = new Map<string, Promise<ScoringMember | null>>();
    const systems = new Map<string, Promise<string[]>>();
    const memberOf = (fact: Fact) => memo(members, fact.memberId ?? '', () => this.memberContext(district, fact.memberId));
    const systemsOf = (fact: Fact) => memo(systems, fact.unitId, () => this.ledger.systemsOf(district, fact.unitId));
    // Every read the fetch needs is asked for at once; the driver's pool bounds how many run side by side.
    await Promise.all(fresh.flatMap(({ fact }) => [memberOf(fact), systemsOf(fact)]));
    const drafts: LineDraft[] = [];
    for (const { fact } of fresh) {
      const [scheme, member] = await Promise.all([schemeOf(fact), memberOf(fact)]);
      if (!scheme || (member?.leftOn && fact.keys.day >= member.leftOn)) continue;
      const lines = evaluate(fact, scheme, member, {});
      if (lines.length === 0) continue;
      drafts.push(...this.draftsOf(fact, scheme, lines, await systemsOf(fact)));
    }
    // Acked once applied or owed: nothing here reads the member standings back.
    await this.ledger.append(district, drafts, { deferrable: true });
    const repeated = new Set<string>();
    for (const item of items.filter((candidate) => alone.has(candidate))) if (await this.record(district, item.order, item.fact)) repeated.add(item.fact.eventId);
    return repeated;
  }

  private async recordInOrder(district: string, order: number, fact: Fact): Promise<boolean> {
    const { campaignId, factKey } = fact;
    const fields = factFields(order, fact);
    const _id = districtKey(district, campaignId, factKey);
    const existing = await byDistrictKey(this.facts.findOne({ _id })).lean<ScoreFact>();
    let current: ScoreFact;
    let repeated = false;
    if (!existing) {
      try {
        current = (await this.facts.create({ _id, district, ...fields, supersededEventIds: [] })).toObject<ScoreFact>();
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const winner = await byDistrictKey(this.facts.findOne({ _id })).lean<ScoreFact>();
        if (winner?.eventId !== fact.eventId) throw new ConcurrentCorrectionError(factKey);
        current = winner;
        repeated = true;
      }
    } else if (existing.eventId !== fact.eventId) {
      if (existing.order >= order || existing.supersededEventIds.includes(fact.eventId)) return existing.supersededEventIds.includes(fact.eventId);
      const supersededEventIds = [...existing.supersededEventIds, existing.eventId];
      // The event id in the filter makes the swap a compare-and-set: a concurrent correction fails it.
      const swapped = await this.facts.updateOne({ district, _id, eventId: existing.eventId }, { $set: { ...fields, supersededEventIds } });
      if (swapped.modifiedCount !== 1) throw new ConcurrentCorrectionError(factKey);
      current = { ...existing, ...fields, supersededEventIds };
    } else {
      current = existing;
      repeated = true;
    }
    if (current.supersededEventIds.length) {
      const superseded = await this.ledger.find({ district, campaignId, sourceEventId: { $in: current.supersededEventIds }, kind: 'rule' });
      await this.ledger.reverse(district, superseded, reason('reason.corrected', { factKey, eventId: fact.eventId }));
    }
    await this.score(district, fact);
    return repeated;
  }

  /** Scores a fact under the version in force on its day; returns the lines appended now (none when already there). */
  async score(district: string, fact: Fact, version?: SchemeVersion): Promise<LedgerLine[]> {
    const scheme = version ?? (await this.schemes.inForce(district, fact.campaignId, fact.keys.day));
    if (!scheme) return [];
    const [member, counters] = await Promise.all([this.memberContext(district, fact.memberId), this.resolve(district, fact, counterRequests(fact, scheme))]);
    // A member who left is scored for what happened before its leave day only.
    if (member?.leftOn && fact.keys.day >= member.leftOn) return [];
    const lines = evaluate(fact, scheme, member, counters);
    if (lines.length === 0) return [];
    return this.ledger.append(district, this.draftsOf(fact, scheme, lines, await this.ledger.systemsOf(district, fact.unitId)));
  }

  private draftsOf(fact: Fact, scheme: SchemeVersion, lines: EngineLine[], systemIds: string[]): LineDraft[] {
    return lines.map((line) => ({
      ...line,
      campaignId: fact.campaignId,
      sourceEventId: fact.eventId,
      ruleKey: `${line.ruleId}@v${scheme.version}`,
      kind: 'rule',
      schemeVersion: scheme.version,
      systemIds,
      occurredAt: new Date(fact.at),
      recordedAt: new Date(fact.recordedAt ?? fact.at),
      ...fact.keys,
      reason: null,
      author: null,
      correctsLineId: null,
    }));
  }

  /**
   * Leaders and key posts as org-registry says now, and a leaver's leave day, held in memory at the newest revision an
   * org event announced; an unknown member is scored as an ordinary member (and read again next time).
   */
  private async memberContext(district: string, memberId: string | null): Promise<ScoringMember | null> {
    if (!memberId) return null;
    const key = recordKey('member', district, memberId);
    const cached = this.contexts.get(key);
    if (cached) return cached;
    const epoch = this.contexts.epoch;
    const member = await byDistrictKey(this.members.findOne({ _id: districtKey(district, memberId) })).select('isLeader isKeyPost leftOn revision').lean();
    const context = { isLeader: member?.isLeader ?? false, isKeyPost: member?.isKeyPost ?? false, leftOn: member?.leftOn ?? null };
    if (member) this.contexts.put(epoch, key, context, member.revision);
    return context;
  }

  /** Every counter leaves out the fact being scored, so scoring it again (redelivery, retry) gives the same lines. */
  private async resolve(district: string, fact: Fact, requests: CounterRequest[]): Promise<Counters> {
    const values = await Promise.all(
      requests.map(async (request): Promise<[string, number]> => {
        const base = { district, campaignId: fact.campaignId, [request.window]: request.windowKey };
        if (request.kind === 'prior-facts') {
          const others = { factKey: { $ne: fact.factKey } };
          return [request.key, await this.facts.countDocuments({ ...base, memberId: request.memberId, ...others, ...countedFilter(request.filter) })];
        }
        const subject = { subjectType: request.subjectType, subjectId: request.subjectId, sourceEventId: { $ne: fact.eventId } };
        const which = request.kind === 'rule-points' ? { ruleId: request.ruleId, ...(request.carrierId ? { carrierId: request.carrierId } : {}) } : { indicatorId: request.indicatorId };
        return [request.key, await this.ledger.sum({ ...base, ...subject, ...which } as FilterQuery<LedgerLine> & { district: string })];
      }),
    );
    return Object.fromEntries(values);
  }

}
