import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const booleanFlag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** Variables every service reads; a service extends this with its own. */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: port,
  MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\/.+/, 'must be a mongodb:// or mongodb+srv:// URL'),
  /** Store connections per replica; unset: the driver's default on MongoDB, a share of FERRETDB_POOL_MAX_CONNS on FerretDB. */
  MONGO_MAX_POOL_SIZE: positiveInt.optional(),
  /** The `pool_max_conns` FerretDB runs with on PostgreSQL (FerretDB only); sizes the pool and bulk writes (libs/persistence). */
  FERRETDB_POOL_MAX_CONNS: positiveInt.optional(),
  NATS_URL: z
    .string()
    .regex(/^(nats|tls):\/\/[^,]+(,(nats|tls):\/\/[^,]+)*$/, 'must be one or more comma-separated nats:// URLs'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Verify tokens from the customer's identity provider by JWKS … */
  AUTH_JWKS_URL: z.string().url().optional(),
  AUTH_ISSUER: z.string().min(1).default('campaign-platform-dev'),
  AUTH_AUDIENCE: z.string().min(1).default('campaign-platform'),
  /** … or, for local use, by the development issuer's shared secret (at least 32 characters). */
  AUTH_DEV_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
  OUTBOX_POLL_MS: positiveInt.default(500),
  /** The longest the relay waits between passes while they find nothing: writers kick it, polling only finds what a writer that died left. */
  OUTBOX_POLL_MAX_MS: positiveInt.default(5_000),
  /** How long a bulk write's staged events wait for their writer before the relay publishes them (it died or could not). */
  OUTBOX_RECOVERY_AFTER_MS: positiveInt.default(60_000),
  CONSUMER_MAX_DELIVER: positiveInt.default(5),
  CONSUMER_ACK_WAIT_MS: positiveInt.default(30_000),
  CONSUMER_CONCURRENCY: positiveInt.default(16),
  /** Events one fetch brings at most: a group-commit handler writes them together. */
  CONSUMER_BATCH_SIZE: positiveInt.default(256),
  /** Fetched batches a consumer handles at once: group-commit handlers coalesce what overlapping batches write. */
  CONSUMER_BATCHES_IN_FLIGHT: positiveInt.default(16),
  /** The durable consumers' name; replicas of a service share it (default: the service's name). */
  CONSUMER_NAME: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only').optional(),
  /** Where a newly created durable consumer starts: the whole stream (rebuild read models) or only new events. */
  CONSUMER_DELIVER_POLICY: z.enum(['all', 'new']).default('all'),
  /** Hours a handled event stays in the inbox; keep it above JetStream's 10-minute duplicate window and the longest redelivery back-off, or a late copy runs again. */
  INBOX_RETENTION_HOURS: positiveInt.default(168),
  /** Copies of each stream the NATS cluster keeps (3 on a three-node cluster); applied when a stream is created. */
  STREAM_REPLICAS: positiveInt.default(1),
  DOCS_ENABLED: booleanFlag.default(true),
  /** Largest JSON body a request may send (bulk attendance, HR imports), in MB; larger ones are answered 413. */
  HTTP_BODY_LIMIT_MB: positiveInt.default(10),
  /** Calls a district may make to one expensive endpoint (imports, recomputation) per window, per replica. */
  RATE_LIMIT_EXPENSIVE_PER_WINDOW: positiveInt.default(10),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt.default(60),
});

export type BaseEnv = z.infer<typeof baseEnvSchema>;

/** A service's environment schema: the base variables, its own, and the rule that some token verifier is set. */
export function serviceEnvSchema<E extends z.ZodRawShape>(extra: E) {
  return baseEnvSchema.extend(extra).superRefine((parsed, ctx) => {
    const env = parsed as BaseEnv;
    if (!env.AUTH_JWKS_URL && !env.AUTH_DEV_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_JWKS_URL'], message: 'set AUTH_JWKS_URL (production) or AUTH_DEV_SECRET (development)' });
    }
    if (env.NODE_ENV === 'production' && env.AUTH_DEV_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_DEV_SECRET'], message: 'the development issuer is refused when NODE_ENV=production' });
    }
  });
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/** Parses the environment; the error names each bad variable and why. */
export function parseEnv<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    const received = env[variable] === undefined ? ' (not set)' : '';
    return `${variable}: ${issue.message}${received}`;
  });
  throw new ConfigurationError(problems);
}
