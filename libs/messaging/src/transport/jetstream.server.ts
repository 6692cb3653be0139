import { INestApplication, Injectable } from '@nestjs/common';
import { CustomStrategy, CustomTransportStrategy, MessageHandler, NestMicroservice, Server } from '@nestjs/microservices';
import { JsMsg } from '@nats-io/jetstream';
import { NatsConnection } from '@nats-io/nats-core';
import { lastValueFrom } from 'rxjs';
import { EventEnvelope } from '@campaign/contracts';
import { MessageTransport } from '@campaign/service-kit';
import { EventConsumer } from '../consumer/event-consumer';
import { BatchEventRoute, EventRoutes } from '../consumer/event-routes';
import { NatsClient } from '../nats-client';
import { BatchOutcome, JetStreamHandlerExtras } from './event-patterns';
import { JetStreamBatchContext, JetStreamContext } from './jetstream.context';
import { RethrowToTransportFilter } from './rethrow-to-transport.filter';

/**
 * Nest's microservice transport over JetStream: Nest registers every `@InboxEventPattern` / `@GroupCommitEventPattern`
 * of the controllers in this server's handler table, and the EventConsumer engine fetches, acks, retries and
 * dead-letters around them, invoking each through Nest so pipes, guards, interceptors and filters apply.
 */
@Injectable()
export class JetStreamServer extends Server implements CustomTransportStrategy, MessageTransport {
  private routes?: EventRoutes;

  constructor(
    private readonly consumer: EventConsumer,
    private readonly nats: NatsClient,
  ) {
    super();
  }

  /**
   * Makes the app hybrid without inheriting its config (its global filters, pipes and interceptors are HTTP-only); the
   * listeners are registered when the microservice starts, after the global filter is in place, and the app's init
   * hooks, which have run or will run with the app, are not run again.
   */
  connectTo(app: INestApplication): void {
    const microservice = app.connectMicroservice<CustomStrategy>({ strategy: this }, { inheritAppConfig: false, deferInitialization: true });
    microservice.useGlobalFilters(new RethrowToTransportFilter());
    (microservice as unknown as NestMicroservice).setIsInitHookCalled(true);
  }

  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    if (!isEventHandler) throw new Error(`${String(pattern)}: request/response (@MessagePattern) is not supported over JetStream, declare events with @InboxEventPattern`);
    if (!(extras as Partial<JetStreamHandlerExtras>).inboxKey) throw new Error(`${String(pattern)}: declare JetStream handlers with @InboxEventPattern or @GroupCommitEventPattern, which carry the contract and the inbox key`);
    super.addHandler(pattern, callback, isEventHandler, extras);
  }

  listen(callback: (error?: unknown) => void): void {
    this.routes ??= this.collectRoutes();
    this.consumer.start(this.routes).then(() => callback(), callback);
  }

  /** Idempotent: the consumer has drained at beforeApplicationShutdown already when Nest closes the transport. */
  close(): Promise<void> {
    return this.consumer.stop();
  }

  on(): never {
    throw new Error('the JetStream transport emits no status events');
  }

  unwrap<T>(): T {
    return this.nats.nc as NatsConnection as T;
  }

  /** The handler table as the engine's routes; a group-commit handler of several subjects is one route under each. */
  private collectRoutes(): EventRoutes {
    const routes = new EventRoutes();
    const batchRoutes = new Map<string, BatchEventRoute>();
    for (const [subject, head] of this.getHandlers()) {
      for (const handler of unchain(head)) {
        const { contracts, inboxKey, groupCommit } = handler.extras as JetStreamHandlerExtras;
        if (groupCommit) {
          const route = batchRoutes.get(inboxKey) ?? {
            key: inboxKey,
            definitions: contracts,
            handle: (envelopes: EventEnvelope[], messages: JsMsg[]) => this.invoke<BatchOutcome | void>(handler, envelopes, new JetStreamBatchContext([messages])),
          };
          batchRoutes.set(inboxKey, route);
          routes.addBatch(subject, route);
        } else {
          const definition = contracts.find((contract) => contract.subject === subject) ?? contracts[0];
          routes.add(subject, { key: inboxKey, definition, handle: (envelope, message) => this.invoke<void>(handler, envelope, new JetStreamContext([message])) });
        }
      }
    }
    return routes;
  }

  private invoke<T>(handler: MessageHandler, payload: unknown, context: JetStreamContext | JetStreamBatchContext): Promise<T> {
    return lastValueFrom(this.transformToObservable(handler(payload, context)), { defaultValue: undefined }) as Promise<T>;
  }
}

/** Nest chains a pattern's handlers to run them all at once in one call; the engine runs them one by one, each under its own inbox claim. */
function unchain(head: MessageHandler): MessageHandler[] {
  const handlers: MessageHandler[] = [];
  for (let handler: MessageHandler | undefined = head; handler; ) {
    const next = handler.next as MessageHandler | undefined;
    handler.next = undefined;
    handlers.push(handler);
    handler = next;
  }
  return handlers;
}
