import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/** The envelope every event travels in; the payload schema depends on (type, schemaVersion). */
export const eventEnvelopeSchema = z.object({
  eventId: z.string().min(1),
  type: z.string().regex(/^[a-z]+(\.[a-z-]+)+$/),
  schemaVersion: z.number().int().positive(),
  occurredAt: z.string().datetime({ offset: true }),
  district: z.string().min(1),
  source: z.string().min(1),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).optional(),
  payload: z.unknown(),
});

export type EventEnvelope<P = unknown> = Omit<z.infer<typeof eventEnvelopeSchema>, 'payload'> & { payload: P };

export interface EventDefinition<P> {
  readonly type: string;
  readonly version: number;
  /** The JetStream subject: `<type>.v<version>`, e.g. `org.member.enrolled.v1`. */
  readonly subject: string;
  readonly payload: z.ZodType<P>;
}

export type PayloadOf<D> = D extends EventDefinition<infer P> ? P : never;

export function defineEvent<S extends z.ZodType>(type: string, version: number, payload: S): EventDefinition<z.infer<S>> {
  return { type, version, subject: `${type}.v${version}`, payload: payload as z.ZodType<z.infer<S>> };
}

export interface EnvelopeContext {
  district: string;
  source: string;
  correlationId?: string;
  causationId?: string;
  eventId?: string;
  occurredAt?: Date;
}

/** Builds a validated envelope; throws ContractViolationError when the payload breaks the contract. */
export function createEnvelope<P>(definition: EventDefinition<P>, payload: P, context: EnvelopeContext): EventEnvelope<P> {
  const eventId = context.eventId ?? randomUUID();
  const envelope: EventEnvelope<P> = {
    eventId,
    type: definition.type,
    schemaVersion: definition.version,
    occurredAt: (context.occurredAt ?? new Date()).toISOString(),
    district: context.district,
    source: context.source,
    correlationId: context.correlationId ?? eventId,
    ...(context.causationId ? { causationId: context.causationId } : {}),
    payload,
  };
  return parseEnvelope(definition, envelope);
}

export class ContractViolationError extends Error {
  constructor(readonly subject: string, readonly issues: string[]) {
    super(`event ${subject} violates its contract: ${issues.join('; ')}`);
    this.name = 'ContractViolationError';
  }
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

/** Validates an envelope and its payload against a definition; returns the parsed (typed) envelope. */
export function parseEnvelope<P>(definition: EventDefinition<P>, raw: unknown): EventEnvelope<P> {
  const envelope = eventEnvelopeSchema.safeParse(raw);
  if (!envelope.success) throw new ContractViolationError(definition.subject, describeIssues(envelope.error));
  if (envelope.data.type !== definition.type || envelope.data.schemaVersion !== definition.version) {
    throw new ContractViolationError(definition.subject, [
      `envelope is ${envelope.data.type}.v${envelope.data.schemaVersion}, expected ${definition.subject}`,
    ]);
  }
  const payload = definition.payload.safeParse(envelope.data.payload);
  if (!payload.success) throw new ContractViolationError(definition.subject, describeIssues(payload.error).map((i) => `payload.${i}`));
  return { ...envelope.data, payload: payload.data };
}
