import { SetMetadata } from '@nestjs/common';
import { EventDefinition } from '@campaign/contracts';

export const ON_EVENT = Symbol('ON_EVENT');

/**
 * Marks a provider method as the handler of one event, like Nest's @EventPattern but on JetStream: the message
 * is acked only after the method resolves, redelivered with back-off when it throws, dead-lettered at the end.
 * The method must be idempotent in its own writes; the inbox skips it for an event it already completed.
 */
export const OnEvent = (definition: EventDefinition<never> | EventDefinition<unknown>): MethodDecorator =>
  SetMetadata(ON_EVENT, definition);
