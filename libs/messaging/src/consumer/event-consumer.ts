import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Consumer, JsMsg } from '@nats-io/jetstream';
import { headers } from '@nats-io/nats-core';
import { z } from 'zod';
import { ContractViolationError, deadLetterSubject, EventDefinition, parseEnvelope, STREAMS, EventEnvelope } from '@campaign/contracts';
import { MetricsService, runInContext, SERVICE_NAME } from '@campaign/service-kit';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';
import { NatsClient } from '../nats-client';
import { ensureDurableConsumer } from '../stream-provisioner';
import { redeliveryDelay } from './backoff';
import { BatchEventRoute, EventRoute, EventRoutes } from './event-routes';
import { Claim, Inbox } from './inbox';

type Outcome = 'handled' | 'duplicate' | 'ignored' | 'retried' | 'dead_lettered';

const BUSY_RETRY_MS = 1_000;
const FETCH_EXPIRES_MS = 1_000;
const FETCH_RETRY_MS = 500;
/** A batch is handed over once no further message has arrived for this long (or it is full). */
const BATCH_LINGER_MS = 5;
const LINGER_OVER = Symbol('linger over');

interface Received {
  message: JsMsg;
  envelope: EventEnvelope;
}

class HandlerBusyError extends Error {
  constructor(handler: string) {
    super(`${handler} is handling another copy of this event`);
  }
}

/**
 * The engine of the JetStream transport: one durable pull consumer per consumed stream, named after the service
 * (CONSUMER_NAME), shared by all its replicas: each event is handled once per service. What one fetch brings is handled
 * as a batch: every group-commit handler (@GroupCommitEventPattern) gets its events in one call, the others run per
 * event. Acks after the handlers resolve; naks with back-off; dead-letters after the last allowed delivery or at once
 * when the payload breaks its contract.
 */
@Injectable()
export class EventConsumer implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EventConsumer.name);
  private readonly loops: Promise<void>[] = [];
  private stopping = false;
  private routes = new EventRoutes();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly outcomes;
  private readonly maxDeliver: number;
  private readonly concurrency: number;
  private readonly batchSize: number;
  private readonly batchesInFlight: number;
  private readonly ackWaitMs: number;
  private readonly durableName: string;

  constructor(
    private readonly nats: NatsClient,
    private readonly inbox: Inbox,
    private readonly config: ConfigService,
    @Inject(SERVICE_NAME) private readonly serviceName: string,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    metrics: MetricsService,
  ) {
    this.outcomes = metrics.counter('events_consumed_total', 'Events received by outcome', ['subject', 'outcome']);
    this.maxDeliver = config.getOrThrow<number>('CONSUMER_MAX_DELIVER');
    this.concurrency = config.getOrThrow<number>('CONSUMER_CONCURRENCY');
    this.batchSize = config.getOrThrow<number>('CONSUMER_BATCH_SIZE');
    this.batchesInFlight = config.getOrThrow<number>('CONSUMER_BATCHES_IN_FLIGHT');
    this.ackWaitMs = config.getOrThrow<number>('CONSUMER_ACK_WAIT_MS');
    this.durableName = config.get<string>('CONSUMER_NAME') ?? serviceName;
  }

  /** Starts pulling every consumed stream into the handlers of `routes`. */
  async start(routes: EventRoutes): Promise<void> {
    this.routes = routes;
    for (const key of this.options.consumes ?? []) {
      const stream = STREAMS[key].name;
      await ensureDurableConsumer(this.nats.jsm, {
        stream,
        durable: this.durableName,
        maxDeliver: this.maxDeliver,
        ackWaitMs: this.ackWaitMs,
        deliverPolicy: this.config.getOrThrow<'all' | 'new'>('CONSUMER_DELIVER_POLICY'),
      });
      const consumer = await this.nats.js.consumers.get(stream, this.durableName);
      this.loops.push(this.pull(stream, consumer));
      this.logger.log(`consuming ${stream} as ${this.durableName}`);
    }
  }

  /** Drains before the store and NATS connections close, which happens before Nest closes the transport. */
  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /** Stops pulling, then waits for the handlers in flight to finish and ack or nak; again, resolves at once. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.loops);
    await Promise.all(this.inFlight);
  }

  /**
   * Fetches up to a batch and hands over what has arrived as soon as the stream pauses, then fetches again while up to
   * CONSUMER_BATCHES_IN_FLIGHT batches are handled: nothing sits unacknowledged in a client buffer, so at shutdown
   * every fetched message is handled and none waits out the ack timeout.
   */
  private async pull(stream: string, consumer: Consumer): Promise<void> {
    const handling = new Set<Promise<void>>();
    const handOver = async (batch: JsMsg[]): Promise<void> => {
      if (batch.length === 0) return;
      while (handling.size >= this.batchesInFlight) await Promise.race(handling);
      const task: Promise<void> = this.handleBatch(batch)
        .catch((error: Error) => this.logger.warn(`a batch from ${stream} failed, its events will be redelivered: ${error.message}`))
        .finally(() => handling.delete(task));
      handling.add(task);
    };
    while (!this.stopping) {
      try {
        const messages = (await consumer.fetch({ max_messages: this.batchSize, expires: FETCH_EXPIRES_MS }))[Symbol.asyncIterator]();
        let next = messages.next();
        let batch: JsMsg[] = [];
        for (;;) {
          const arrived = batch.length === 0 ? await next : await Promise.race([next, pause(BATCH_LINGER_MS).then((): typeof LINGER_OVER => LINGER_OVER)]);
          if (arrived === LINGER_OVER) {
            await handOver(batch);
            batch = [];
            continue;
          }
          if (arrived.done) break;
          batch.push(arrived.value);
          next = messages.next();
          if (batch.length >= this.batchSize) {
            await handOver(batch);
            batch = [];
          }
        }
        await handOver(batch);
      } catch (error) {
        this.logger.warn(`fetch from ${stream} failed, retrying: ${(error as Error).message}`);
        await pause(FETCH_RETRY_MS);
      }
    }
    await Promise.all(handling);
  }

  /** Group-commit handlers once for the whole batch, then the per-event handlers, at most CONSUMER_CONCURRENCY at a time in all. */
  private async handleBatch(messages: JsMsg[]): Promise<void> {
    if (messages.length === 0) return;
    const received: Received[] = [];
    for (const message of messages) {
      const definition = this.routes.definitionFor(message.subject);
      if (!definition) {
        message.ack();
        this.count(message, 'ignored');
        continue;
      }
      try {
        received.push({ message, envelope: parseEnvelopeOnReceipt(definition, JSON.parse(message.string())) });
      } catch (error) {
        await this.deadLetter(message, `rejected on receipt: ${(error as Error).message}`);
      }
    }
    const failed = new Set<JsMsg>();
    /** How many of its group-commit handlers found an event's effects already there. */
    const repeatedBy = new Map<string, number>();
    for (const handler of this.batchHandlersOf(received)) {
      const mine = received.filter(({ message }) => !failed.has(message) && this.routes.batchHandlersFor(message.subject).includes(handler));
      const outcome = await this.runBatchHandler(handler, mine);
      for (const { message } of outcome.failed) failed.add(message);
      for (const eventId of outcome.repeated) repeatedBy.set(eventId, (repeatedBy.get(eventId) ?? 0) + 1);
    }
    const mine: Promise<void>[] = [];
    for (const item of received) {
      if (failed.has(item.message)) continue;
      // The bound holds across the batches in flight: CONSUMER_CONCURRENCY per-event handlers at once in all.
      while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
      const batchHandlers = this.routes.batchHandlersFor(item.message.subject).length;
      const task = this.process(item, batchHandlers > 0 && repeatedBy.get(item.envelope.eventId) === batchHandlers);
      mine.push(task);
      this.inFlight.add(task);
      void task.finally(() => this.inFlight.delete(task));
    }
    await Promise.all(mine);
  }

  private batchHandlersOf(received: Received[]): BatchEventRoute[] {
    return [...new Set(received.flatMap(({ message }) => this.routes.batchHandlersFor(message.subject)))];
  }

  /**
   * Runs a group-commit handler on its events; when the batch fails, gives each event to it alone so a bad one fails
   * by itself. Returns the events that failed (already naked or dead-lettered) and those it found already handled.
   */
  private async runBatchHandler(handler: BatchEventRoute, items: Received[]): Promise<{ failed: Received[]; repeated: Set<string> }> {
    const repeated = new Set<string>();
    if (items.length === 0) return { failed: [], repeated };
    try {
      for (const eventId of (await handler.handle(items.map(({ envelope }) => envelope), items.map(({ message }) => message)))?.repeated ?? []) repeated.add(eventId);
      return { failed: [], repeated };
    } catch (error) {
      if (items.length === 1) {
        await this.fail(items[0].message, items[0].envelope, error as Error);
        return { failed: items, repeated };
      }
      this.logger.warn(`${handler.key} failed on a batch of ${items.length}, retrying each event alone: ${(error as Error).message}`);
    }
    const failed: Received[] = [];
    for (const item of items) {
      await runInContext({ correlationId: item.envelope.correlationId, causationId: item.envelope.eventId }, async () => {
        try {
          for (const eventId of (await handler.handle([item.envelope], [item.message]))?.repeated ?? []) repeated.add(eventId);
        } catch (error) {
          await this.fail(item.message, item.envelope, error as Error);
          failed.push(item);
        }
      });
    }
    return { failed, repeated };
  }

  /**
   * Runs the per-event handlers of a received event (its group-commit handlers have run, `repeated` when all of them
   * found its effects already there), then acks it.
   */
  private async process({ message, envelope }: Received, repeated: boolean): Promise<void> {
    const handlers = this.routes.handlersFor(message.subject);
    await runInContext({ correlationId: envelope.correlationId, causationId: envelope.eventId }, async () => {
      try {
        const outcome = handlers.length > 0 ? await this.runHandlers(handlers, envelope, message) : repeated ? 'duplicate' : 'handled';
        message.ack();
        this.count(message, outcome);
      } catch (error) {
        await this.fail(message, envelope, error as Error);
      }
    });
  }

  /** Runs each handler that has not completed this event; throws HandlerBusyError when another copy is running one. */
  private async runHandlers(handlers: EventRoute[], envelope: EventEnvelope, message: JsMsg): Promise<Outcome> {
    let ran = false;
    for (const handler of handlers) {
      const claim = await this.claimWhenFree(handler, envelope, message);
      if (claim === 'done') continue;
      if (claim === 'busy') throw new HandlerBusyError(handler.key);
      try {
        await handler.handle(envelope, message);
      } catch (error) {
        await this.inbox.release(handler.key, envelope.eventId);
        throw error;
      }
      await this.inbox.complete(handler.key, envelope.eventId);
      ran = true;
    }
    return ran ? 'handled' : 'duplicate';
  }

  /**
   * Waits here while another copy holds the claim, until it completes or its lease runs out (its holder died, or could
   * not give the claim back while the store was away), keeping this delivery alive meanwhile: every nak would use up a
   * delivery, and after the last one JetStream stops delivering, silently. Gives up only when shutting down.
   */
  private async claimWhenFree(handler: EventRoute, envelope: EventEnvelope, message: JsMsg): Promise<Claim> {
    let claim = await this.inbox.claim(handler.key, envelope.eventId, this.ackWaitMs);
    while (claim === 'busy' && !this.stopping) {
      message.working();
      await pause(BUSY_RETRY_MS);
      claim = await this.inbox.claim(handler.key, envelope.eventId, this.ackWaitMs);
    }
    return claim;
  }

  private async fail(message: JsMsg, envelope: EventEnvelope, error: Error): Promise<void> {
    if (error instanceof ContractViolationError) return this.deadLetter(message, `rejected on receipt: ${error.message}`);
    if (error instanceof HandlerBusyError) {
      // Shutting down while another copy of this event is being handled: come back when it is done.
      message.nak(BUSY_RETRY_MS);
      return this.count(message, 'retried');
    }
    const deliveries = message.info.deliveryCount;
    if (deliveries >= this.maxDeliver) {
      this.logger.error(`${message.subject} ${envelope.eventId} failed on delivery ${deliveries}, dead-lettering: ${error.message}`);
      return this.deadLetter(message, `failed after ${deliveries} deliveries: ${error.message}`);
    }
    const delay = redeliveryDelay(deliveries);
    this.logger.warn(`${message.subject} ${envelope.eventId} failed on delivery ${deliveries}, retry in ${delay} ms: ${error.message}`);
    message.nak(delay);
    this.count(message, 'retried');
  }

  /** Copies the message to the dead-letter stream with the reason; naks instead if that copy cannot be made. */
  private async deadLetter(message: JsMsg, reason: string): Promise<void> {
    const letterHeaders = headers();
    letterHeaders.set('Dlq-Reason', reason.slice(0, 1024));
    letterHeaders.set('Dlq-Consumer', this.serviceName);
    letterHeaders.set('Dlq-Subject', message.subject);
    letterHeaders.set('Dlq-Stream-Sequence', String(message.seq));
    letterHeaders.set('Dlq-Deliveries', String(message.info.deliveryCount));
    try {
      await this.nats.js.publish(deadLetterSubject(this.serviceName, message.subject), message.data, {
        headers: letterHeaders,
        msgID: `${this.serviceName}:${message.info.stream}:${message.seq}`,
      });
      // No reason argument: servers before 2.10 do not parse `+TERM <reason>` and would leave the message pending.
      message.term();
      this.count(message, 'dead_lettered');
    } catch (error) {
      this.logger.error(`dead-letter publish failed, will redeliver: ${(error as Error).message}`);
      message.nak(redeliveryDelay(message.info.deliveryCount));
      this.count(message, 'retried');
    }
  }

  private count(message: JsMsg, outcome: Outcome): void {
    this.outcomes.inc({ subject: message.subject, outcome });
  }
}

/**
 * The envelope as far as the engine needs it before any handler (identity, district, correlation, type and version);
 * the payload is checked by each handler's EventContractPipe.
 */
function parseEnvelopeOnReceipt(definition: EventDefinition<unknown>, raw: unknown): EventEnvelope {
  return parseEnvelope({ ...definition, payload: z.unknown() }, raw);
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
