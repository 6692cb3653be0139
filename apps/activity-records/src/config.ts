import { z } from 'zod';
import { serviceEnvSchema } from '@campaign/service-kit';

export const activityRecordsEnv = serviceEnvSchema({
  /** Members may check themselves in this many minutes before or after an activity's start. */
  ACTIVITY_CHECKIN_WINDOW_MINUTES: z.coerce.number().int().positive().default(20),
  /** How often each replica runs the obligation evaluator. */
  OBLIGATION_EVALUATOR_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
  /** An open obligation becomes at risk this many days before it is due. */
  OBLIGATION_AT_RISK_DAYS: z.coerce.number().int().nonnegative().default(14),
  /** A returned plan is due back this many days later (never past the end of the campaign's stage). */
  PLAN_RESUBMISSION_DAYS: z.coerce.number().int().positive().default(7),
});

export type ActivityRecordsEnv = z.infer<typeof activityRecordsEnv>;
