import { PayloadOf, ScoreChanged } from '@campaign/contracts';
import { round2 } from '../rules/rule-engine';
import { LineForStandings, StandingScope } from './standing-targets';

export type ScoreChangedPayload = PayloadOf<typeof ScoreChanged>;

/** One standing after a batch of lines: its new points and what the batch added. */
export interface StandingChange {
  period: string;
  scope: StandingScope;
  subjectId: string;
  /** A member standing's unit of attribution. */
  unitId?: string | null;
  points: number;
  delta: number;
}

type AnnouncedScope = ScoreChangedPayload['standings'][number]['scope'];

const ANNOUNCED: Record<StandingScope, 'member' | 'unit' | null> = { member: 'member', unit: 'unit', 'unit-members': 'unit', system: null, district: null };

const periodOrder = (period: string) => (period === 'campaign' ? '' : period);

/**
 * What a batch of lines did to the standings, as `scoring.score.changed` payloads: one per member whose standing
 * changed, one per unit whose own standing or members' standing changed (system and district totals are not announced).
 */
export function scoreChanges(campaignId: string, lines: ReadonlyArray<LineForStandings & { sourceEventId: string }>, changes: readonly StandingChange[]): ScoreChangedPayload[] {
  const subjects = new Map<string, ScoreChangedPayload>();
  for (const change of changes) {
    const subjectType = ANNOUNCED[change.scope];
    if (!subjectType) continue;
    const key = `${subjectType}|${change.subjectId}`;
    const payload = subjects.get(key) ?? { campaignId, subjectType, subjectId: change.subjectId, unitId: change.subjectId, standings: [], lines: 0, sourceEventIds: [] };
    if (change.scope === 'member' && change.unitId) payload.unitId = change.unitId;
    payload.standings.push({ scope: change.scope as AnnouncedScope, period: change.period, points: round2(change.points), delta: round2(change.delta) });
    subjects.set(key, payload);
  }
  for (const payload of subjects.values()) {
    // A unit's lines are its own and its members' attributed to it: both carry the unit as `unitId`.
    const own = lines.filter((line) => (payload.subjectType === 'member' ? line.subjectType === 'member' && line.subjectId === payload.subjectId : line.unitId === payload.subjectId));
    payload.lines = own.length;
    payload.sourceEventIds = [...new Set(own.map((line) => line.sourceEventId))].sort();
    payload.standings.sort((a, b) => a.scope.localeCompare(b.scope) || periodOrder(a.period).localeCompare(periodOrder(b.period)));
  }
  return [...subjects.values()].filter((payload) => payload.lines > 0).sort((a, b) => a.subjectType.localeCompare(b.subjectType) || a.subjectId.localeCompare(b.subjectId));
}

/**
 * What standings set without new lines announce (a member's transferred or leaving, a drift healed), as
 * `scoring.score.changed` payloads with no lines: one per subject and unit, so each names where its standings are.
 */
export function standingsSetWithoutLines(campaignId: string, changes: readonly StandingChange[]): ScoreChangedPayload[] {
  const subjects = new Map<string, ScoreChangedPayload>();
  for (const change of changes) {
    const subjectType = ANNOUNCED[change.scope];
    if (!subjectType) continue;
    const unitId = (subjectType === 'member' && change.unitId) || change.subjectId;
    const key = JSON.stringify([subjectType, change.subjectId, unitId]);
    const payload = subjects.get(key) ?? { campaignId, subjectType, subjectId: change.subjectId, unitId, standings: [], lines: 0, sourceEventIds: [] };
    payload.standings.push({ scope: change.scope as AnnouncedScope, period: change.period, points: round2(change.points), delta: round2(change.delta) });
    subjects.set(key, payload);
  }
  return [...subjects.values()];
}
