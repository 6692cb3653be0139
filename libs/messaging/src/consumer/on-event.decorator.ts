import { SetMetadata } from '@nestjs/common';
import { EventDefinition } from '@campaign/contracts';

export const ON_EVENT = Symbol('ON_EVENT');
export const ON_EVENT_BATCH = Symbol('ON_EVENT_BATCH');

/**
 * Marks a provider method as the handler of one event, like Nest's @EventPattern but on JetStream: the message
 * is acked only after the method resolves, redelivered with back-off when it throws, dead-lettered at the end.
 * The method must be idempotent in its own writes; the inbox skips it for an event it already completed.
 */
export const OnEvent = (definition: EventDefinition<never> | EventDefinition<unknown>): MethodDecorator =>
  SetMetadata(ON_EVENT, definition);

/** What a group-commit handler found: the events whose effects were already there (a redelivery), by event id. */
export interface BatchOutcome {
  repeated: ReadonlySet<string>;
}

/**
 * Marks a provider method as the group-commit handler of these events: it receives, in stream order, every such
 * event one fetch brought (`EventEnvelope[]`) and writes their effects together; all are acked after it resolves.
 * When it throws, each event is given to it again alone, so one bad event is retried and dead-lettered by itself.
 * No inbox: its writes must be idempotent (unique keys per source event), as a redelivered batch runs again. It may
 * resolve to a `BatchOutcome`, so the events it found already handled are counted as duplicates, not handled again.
 */
export const OnEventBatch = (...definitions: (EventDefinition<never> | EventDefinition<unknown>)[]): MethodDecorator =>
  SetMetadata(ON_EVENT_BATCH, definitions);
