import { z } from 'zod';
import { defineEvent } from '../envelope';
import { id, isoDateTime } from '../common';

export * from './standing-id';

export const RATINGS = ['excellent', 'good', 'pass', 'fail'] as const;

/** Per ledger line; defined first but never emitted: nothing consumes it. Kept readable, superseded by v2. */
export const ScoreChangedV1 = defineEvent(
  'scoring.score.changed',
  1,
  z.object({
    ledgerEntryId: id,
    campaignId: id,
    subjectType: z.enum(['member', 'unit']),
    subjectId: id,
    unitId: id,
    points: z.number(),
    indicatorId: id,
    sourceEventId: id.nullable(),
  }),
);

/**
 * A subject's standings after one applied batch of ledger lines: one event per member, and per unit whose own points
 * or members' points changed, with every standing (scope and period) the batch touched, its new points and the change.
 */
export const ScoreChanged = defineEvent(
  'scoring.score.changed',
  2,
  z.object({
    campaignId: id,
    subjectType: z.enum(['member', 'unit']),
    subjectId: id,
    /** A member's unit of attribution (of its latest line in the batch), or the unit itself. */
    unitId: id,
    standings: z
      .array(
        z.object({
          /** `member`, a unit's own points (`unit`), or its members' points attributed to it (`unit-members`). */
          scope: z.enum(['member', 'unit', 'unit-members']),
          /** `campaign`, an ISO week `2026-W48` or a month `2026-11`. */
          period: z.string().min(1),
          points: z.number(),
          delta: z.number(),
        }),
      )
      .min(1),
    /** Ledger lines of this subject in the batch, and the events they score; none when standings moved or were healed without new lines. */
    lines: z.number().int().nonnegative(),
    sourceEventIds: z.array(z.string().min(1)),
  }),
);

export const RankingPublished = defineEvent(
  'scoring.ranking.published',
  1,
  z.object({
    rankingId: id,
    campaignId: id,
    scope: z.enum(['district', 'system', 'unit']),
    scopeId: id.nullable(),
    subjectType: z.enum(['member', 'unit']),
    period: z.string().min(1),
    publishedAt: isoDateTime,
    entries: z.array(z.object({ subjectId: id, rank: z.number().int().positive(), points: z.number(), subjectName: z.string().nullable().optional() })),
  }),
);

export const AppraisalFinalised = defineEvent(
  'scoring.appraisal.finalised',
  1,
  z.object({
    campaignId: id,
    finalisedAt: isoDateTime,
    results: z.array(
      z.object({
        subjectType: z.enum(['member', 'unit']),
        subjectId: id,
        unitId: id,
        rating: z.enum(RATINGS),
        honour: z.enum(['advanced-collective', 'excellent-member']).nullable(),
      }),
    ),
  }),
);
