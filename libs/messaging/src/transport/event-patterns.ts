import { UsePipes } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { EventPattern } from '@nestjs/microservices';
import { RpcParamtype } from '@nestjs/microservices/enums/rpc-paramtype.enum';
import { EventDefinition } from '@campaign/contracts';
import { EventContractPipe } from './event-contract.pipe';

type AnyEventDefinition = EventDefinition<never> | EventDefinition<unknown>;

/** What the JetStream transport reads from a handler's `@EventPattern` extras. */
export interface JetStreamHandlerExtras {
  /** The contracts of the handled events, by which the engine checks an envelope on receipt. */
  contracts: EventDefinition<unknown>[];
  /** `Class.method`: the inbox key, stable across restarts (stored inbox records carry it). */
  inboxKey: string;
  /** A group-commit handler: every event of one fetch in one call, no inbox. */
  groupCommit: boolean;
}

/** What a group-commit handler found: the events whose effects were already there (a redelivery), by event id. */
export interface BatchOutcome {
  repeated: ReadonlySet<string>;
}

function eventPattern(definitions: AnyEventDefinition[], groupCommit: boolean): MethodDecorator {
  return (target, propertyKey, descriptor) => {
    const extras: JetStreamHandlerExtras = {
      contracts: definitions as EventDefinition<unknown>[],
      inboxKey: `${target.constructor.name}.${String(propertyKey)}`,
      groupCommit,
    };
    // Parameter decorators have run by now; without @Payload() Nest would hand over the envelope without the contract pipe.
    const parameters = Object.keys(Reflect.getMetadata(ROUTE_ARGS_METADATA, target.constructor, propertyKey) ?? {});
    if (!parameters.some((parameter) => parameter.startsWith(`${RpcParamtype.PAYLOAD}:`))) throw new Error(`${extras.inboxKey}: take the event with @Payload()`);
    UsePipes(new EventContractPipe(extras.contracts))(target, propertyKey, descriptor);
    return EventPattern(definitions.length === 1 ? definitions[0].subject : definitions.map(({ subject }) => subject), extras)(target, propertyKey, descriptor);
  };
}

/**
 * Nest's `@EventPattern` on the event's subject, run exactly once per event through the inbox: `@Payload()` is the
 * envelope, validated against the contract by an EventContractPipe (a breach is dead-lettered at once). The message is
 * acked only after the method resolves, redelivered with back-off when it throws, dead-lettered at the end. The inbox
 * skips the method for an event it already completed.
 */
export const InboxEventPattern = (definition: AnyEventDefinition): MethodDecorator => eventPattern([definition], false);

/**
 * Nest's `@EventPattern` for a group-commit handler: `@Payload()` is, in stream order, every such event one fetch
 * brought (`EventEnvelope[]`); all are acked after it resolves. When it throws, each event is given to it again alone,
 * so one bad event is retried and dead-lettered by itself. No inbox: its writes must be idempotent (unique keys per
 * source event), as a redelivered batch runs again. It may resolve to a `BatchOutcome`, so the events it found already
 * handled are counted as duplicates, not handled again.
 */
export const GroupCommitEventPattern = (...definitions: AnyEventDefinition[]): MethodDecorator => eventPattern(definitions, true);
