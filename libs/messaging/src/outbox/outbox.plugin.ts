import { Schema } from 'mongoose';
import { EventEnvelope } from '@campaign/contracts';
import { documentLocksPlugin } from '@campaign/persistence';

/** An event waiting to be published, stored inside the document whose change it announces. */
export interface PendingEvent {
  eventId: string;
  subject: string;
  /** The envelope as JSON: stored verbatim so what is published is exactly what was written. */
  envelope: string;
}

export interface OutboxFields {
  _outbox: PendingEvent[];
  /** When events were last appended; null once everything is sent. */
  _outboxAt?: Date | null;
  /** True while events wait: the relay finds them by this equality, which every store answers from an index. */
  _outboxPending?: boolean;
  /** Bumped by every write that appends events, so the relay clears only what it has seen (compare-and-set). */
  _outboxSeq?: number;
}

/**
 * Gives a schema an embedded outbox; the relay finds every model that has one. The relay writes these documents
 * too, so their single-document updates take the same in-process locks as its clear (FerretDB 1.x loses one of two
 * concurrent updates of a document).
 */
export function outboxPlugin(schema: Schema): void {
  schema.add({
    _outbox: { type: [{ _id: false, eventId: String, subject: String, envelope: String }], default: [], select: false },
    _outboxAt: { type: Date, default: null, select: false },
    _outboxPending: { type: Boolean, default: false, index: true, select: false },
    _outboxSeq: { type: Number, default: 0, select: false },
  });
  schema.plugin(documentLocksPlugin);
}

export function hasOutbox(schema: Schema): boolean {
  return Boolean(schema.path('_outboxAt'));
}

/** An event as an outbox keeps it until it is published. */
export function pendingEvent(envelope: EventEnvelope): PendingEvent {
  return { eventId: envelope.eventId, subject: `${envelope.type}.v${envelope.schemaVersion}`, envelope: JSON.stringify(envelope) };
}

/** Fields for a new document that announces itself with these events. */
export function outboxFields(...envelopes: EventEnvelope[]): OutboxFields {
  return { _outbox: envelopes.map(pendingEvent), _outboxAt: new Date(), _outboxPending: true, _outboxSeq: 1 };
}

/** Adds the events to an update, so the state change and its announcement are one single-document write. */
export function withOutbox<U extends Record<string, unknown>>(update: U, ...envelopes: EventEnvelope[]): U {
  const section = (name: string) => (update[name] as Record<string, unknown> | undefined) ?? {};
  return {
    ...update,
    $set: { ...section('$set'), _outboxAt: new Date(), _outboxPending: true },
    $push: { ...section('$push'), _outbox: { $each: envelopes.map(pendingEvent) } },
    $inc: { ...section('$inc'), _outboxSeq: 1 },
  };
}
