import { z } from 'zod';
import { serviceEnvSchema } from '@campaign/service-kit';

export const assessmentScoringEnv = serviceEnvSchema({
  /** How often the reconciliation job compares standings with the ledger and heals drift; 0 turns it off. */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().nonnegative().default(600_000),
  /** How long a replica's hold of a campaign's standings lock lasts unless renewed; a crashed holder's lock frees after it. */
  STANDINGS_LOCK_LEASE_MS: z.coerce.number().int().positive().default(15_000),
  /** Day, week and month keys are taken in the districts' local time (China Standard Time by default). */
  SCORING_UTC_OFFSET_MINUTES: z.coerce.number().int().min(-720).max(840).default(480),
  /** Standings this replica holds in memory across the rankings it serves (about 270 bytes each, 55 MB at the default); the least recently read rankings go beyond it. */
  RANKING_VIEW_MAX_STANDINGS: z.coerce.number().int().positive().default(200_000),
  /** A ranking held in memory is read again from the store after this long, whatever score changes it heard. */
  RANKING_VIEW_MAX_AGE_MS: z.coerce.number().int().positive().default(300_000),
  /** Unit, member and system names this replica holds in memory (about 260 bytes each); the least recently used go beyond it. */
  NAME_CACHE_MAX_NAMES: z.coerce.number().int().positive().default(200_000),
  /** Members whose scoring context (leader, key post, leave day) this replica holds in memory; the least recently used go beyond it. */
  MEMBER_CONTEXT_CACHE_MAX_MEMBERS: z.coerce.number().int().positive().default(200_000),
  UNIT_SYSTEMS_CACHE_MAX_UNITS: z.coerce.number().int().positive().default(50_000),
});
