import { z } from 'zod';
import { defineEvent } from '../envelope';
import { id, isoDateTime } from '../common';

export const RATINGS = ['excellent', 'good', 'pass', 'fail'] as const;

export const ScoreChanged = defineEvent(
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
    entries: z.array(z.object({ subjectId: id, rank: z.number().int().positive(), points: z.number() })),
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
