import { z } from 'zod';
import { serviceEnvSchema } from '@campaign/service-kit';

export const assessmentScoringEnv = serviceEnvSchema({
  /** How often the reconciliation job compares standings with the ledger and heals drift; 0 turns it off. */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().nonnegative().default(600_000),
  /** How long a replica's hold of a campaign's standings lock lasts unless renewed; a crashed holder's lock frees after it. */
  STANDINGS_LOCK_LEASE_MS: z.coerce.number().int().positive().default(15_000),
  /** Day, week and month keys are taken in the districts' local time (China Standard Time by default). */
  SCORING_UTC_OFFSET_MINUTES: z.coerce.number().int().min(-720).max(840).default(480),
});
