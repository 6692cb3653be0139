import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { byDistrictKey, districtKey } from '@campaign/persistence';
import { NamesService } from '../common/names.service';
import { ORG_MEMBER } from '@campaign/org-read-model';
import { MemberView } from '../integration-events/read-model.schemas';
import { LedgerService } from '../ledger/ledger.service';
import { ScoringService } from '../ledger/scoring.service';
import { MemberContext } from '../rules/facts';
import { rankAll } from '../rules/ranking';
import { round2 } from '../rules/rule-engine';
import { CountedLine, scoreAgain } from '../rules/what-if';
import { StandingsService } from '../standings/standings.service';
import { SchemesService } from './schemes.service';

/** One subject whose campaign points (and so its rank) a draft would change. */
export interface PreviewedMove {
  subjectId: string;
  subjectName: string | null;
  /** A member's unit, within which it is ranked. */
  unitId: string | null;
  unitName: string | null;
  points: number;
  previewPoints: number;
  delta: number;
  rank: number | null;
  previewRank: number | null;
  /** Places climbed (positive) or fallen (negative). */
  rankChange: number;
}

export interface SchemePreview {
  campaignId: string;
  draft: { version: number; effectiveFrom: string; reason: string };
  /** The records from the draft's effective date on, scored again; the ledger lines they replace and would add. */
  rescored: { facts: number; linesReplaced: number; linesAdded: number };
  units: { moved: PreviewedMove[]; unchanged: number };
  members: { moved: PreviewedMove[]; unchanged: number };
}

/** Single-document reads in flight at once. */
const CONCURRENT_READS = 20;
const TOLERANCE = 0.005;

type Totals = Map<string, number>;

function add(totals: Totals, subjectId: string, points: number): void {
  totals.set(subjectId, (totals.get(subjectId) ?? 0) + points);
}

/** Ranks before and after among the same subjects; a subject without points ranks nowhere. */
function moves(before: Totals, after: Totals, unitOf: (subjectId: string) => string | null, limit: number): { moved: PreviewedMove[]; unchanged: number } {
  const groups = new Map<string, string[]>();
  for (const subjectId of new Set([...before.keys(), ...after.keys()])) {
    const group = unitOf(subjectId) ?? '';
    groups.set(group, [...(groups.get(group) ?? []), subjectId]);
  }
  const all: PreviewedMove[] = [];
  for (const subjects of groups.values()) {
    const ranksOf = (totals: Totals) => new Map(rankAll(subjects.filter((id) => totals.has(id)).map((subjectId) => ({ subjectId, points: round2(totals.get(subjectId) as number) }))).map((entry) => [entry.subjectId, entry.rank]));
    const [rankBefore, rankAfter] = [ranksOf(before), ranksOf(after)];
    const offRanking = subjects.length + 1;
    for (const subjectId of subjects) {
      const [points, previewPoints] = [round2(before.get(subjectId) ?? 0), round2(after.get(subjectId) ?? 0)];
      const [rank, previewRank] = [rankBefore.get(subjectId) ?? null, rankAfter.get(subjectId) ?? null];
      all.push({ subjectId, subjectName: null, unitId: unitOf(subjectId), unitName: null, points, previewPoints, delta: round2(previewPoints - points), rank, previewRank, rankChange: (rank ?? offRanking) - (previewRank ?? offRanking) });
    }
  }
  const moved = all.filter((move) => Math.abs(move.delta) >= TOLERANCE || move.rankChange !== 0);
  moved.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || Math.abs(b.rankChange) - Math.abs(a.rankChange) || a.subjectId.localeCompare(b.subjectId));
  return { moved: moved.slice(0, limit), unchanged: all.length - moved.length };
}

/**
 * What-if: a draft scheme version scored against the current records before it is saved. The records from its effective
 * date on are scored again in memory as a recompute would (caps, required counts, leaders), their current rule lines
 * left out; adjustments and derived unit indicators stay as they are. Nothing is written.
 */
@Injectable()
export class SchemePreviewService {
  constructor(
    private readonly scoring: ScoringService,
    private readonly ledger: LedgerService,
    private readonly standings: StandingsService,
    @InjectModel(ORG_MEMBER) private readonly members: Model<MemberView>,
    private readonly schemes: SchemesService,
    private readonly names: NamesService,
  ) {}

  async preview(district: string, campaignId: string, input: unknown, limit: number): Promise<SchemePreview> {
    const draft = await this.schemes.nextVersion(district, campaignId, input);
    const [stored, ledger, listed] = await Promise.all([
      this.scoring.factsOfCampaign(district, campaignId),
      this.ledger.countedLinesOfCampaign(district, campaignId),
      this.standings.memberUnitsOfCampaign(district, campaignId),
    ]);
    const rescored = stored.filter((fact) => fact.day >= draft.effectiveFrom);
    const replaced = (line: (typeof ledger)[number]) => (line.kind === 'rule' || line.kind === 'reversal') && line.day >= draft.effectiveFrom;
    const contexts = await this.memberContexts(district, rescored.map((fact) => fact.fact.memberId));
    const scorable = rescored.filter((fact) => {
      const leftOn = fact.fact.memberId ? contexts.get(fact.fact.memberId)?.leftOn : null;
      return !leftOn || fact.day < leftOn;
    });
    const kept: CountedLine[] = ledger.filter((line) => !replaced(line));
    const added = scoreAgain(
      scorable.map((fact) => fact.fact),
      stored.map((fact) => fact.fact),
      draft,
      (memberId) => contexts.get(memberId) ?? null,
      kept,
    ).flat();

    const before = { member: new Map() as Totals, unit: new Map() as Totals };
    const after = { member: new Map() as Totals, unit: new Map() as Totals };
    for (const line of ledger) {
      add(before[line.subjectType], line.subjectId, line.points);
      if (!replaced(line)) add(after[line.subjectType], line.subjectId, line.points);
    }
    for (const line of added) add(after[line.subjectType], line.subjectId, line.points);
    const unitOfMember = new Map(listed.map((standing) => [standing.subjectId, standing.unitId]));
    const [units, members] = [moves(before.unit, after.unit, () => null, limit), moves(before.member, after.member, (memberId) => unitOfMember.get(memberId) ?? null, limit)];
    const [unitNames, memberNames] = await Promise.all([
      this.names.of(district, 'unit', [...units.moved.map((move) => move.subjectId), ...members.moved.flatMap((move) => (move.unitId ? [move.unitId] : []))]),
      this.names.of(district, 'member', members.moved.map((move) => move.subjectId)),
    ]);
    const named = (move: PreviewedMove, names: Map<string, string>) => ({ ...move, subjectName: names.get(move.subjectId) ?? null, unitName: move.unitId ? (unitNames.get(move.unitId) ?? null) : null });
    return {
      campaignId,
      draft: { version: draft.version, effectiveFrom: draft.effectiveFrom, reason: draft.reason },
      rescored: { facts: rescored.length, linesReplaced: ledger.filter(replaced).length, linesAdded: added.length },
      units: { ...units, moved: units.moved.map((move) => named(move, unitNames)) },
      members: { ...members, moved: members.moved.map((move) => named(move, memberNames)) },
    };
  }

  /** Leaders, key posts and leave days of the members whose records are scored again, each read by `_id`. */
  private async memberContexts(district: string, memberIds: Array<string | null>): Promise<Map<string, MemberContext & { leftOn: string | null }>> {
    const ids = [...new Set(memberIds.filter((id): id is string => id !== null))];
    const contexts = new Map<string, MemberContext & { leftOn: string | null }>();
    for (let offset = 0; offset < ids.length; offset += CONCURRENT_READS) {
      const found = await Promise.all(ids.slice(offset, offset + CONCURRENT_READS).map((id) => byDistrictKey(this.members.findOne({ _id: districtKey(district, id) })).select('memberId isLeader isKeyPost leftOn').lean()));
      for (const member of found) if (member) contexts.set(member.memberId, { isLeader: member.isLeader, isKeyPost: member.isKeyPost, leftOn: member.leftOn ?? null });
    }
    return contexts;
  }
}
