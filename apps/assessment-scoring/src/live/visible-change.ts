import { hasRole, Principal } from '@campaign/auth';
import type { ScoreChange } from './live-scores.service';

export interface VisibleChange {
  campaignId: string;
  subjectType: 'member' | 'unit';
  unitId: string;
  occurredAt: string;
  /** Present for a district admin, for a unit's own score (unit rankings are open to the district) and for the caller's own score. */
  subjectId?: string;
}

/**
 * What a caller may learn from a score change: that a unit's standing moved, and whose only when they may see it.
 * The browser reloads what it shows (rankings, an explanation) with its own rights; the change is only the signal.
 */
export function visibleChange(principal: Principal, change: ScoreChange): VisibleChange {
  const { campaignId, subjectType, subjectId, unitId } = change.payload;
  const base = { campaignId, subjectType, unitId, occurredAt: change.occurredAt };
  const mayKnowWho = hasRole(principal, 'district-admin') || subjectType === 'unit' || principal.memberId === subjectId;
  return mayKnowWho ? { ...base, subjectId } : base;
}
