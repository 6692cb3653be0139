import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Consumer, JsMsg } from '@nats-io/jetstream';
import { headers } from '@nats-io/nats-core';
import { deadLetterSubject, parseEnvelope, STREAMS, EventEnvelope } from '@campaign/contracts';
import { MetricsService, runInContext, SERVICE_NAME } from '@campaign/service-kit';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';
import { NatsClient } from '../nats-client';
import { ensureDurableConsumer } from '../stream-provisioner';
import { redeliveryDelay } from './backoff';
import { HandlerRegistry, RegisteredHandler } from './handler-registry';
import { Claim, Inbox } from './inbox';

type Outcome = 'handled' | 'duplicate' | 'ignored' | 'retried' | 'dead_lettered';

const BUSY_RETRY_MS = 1_000;
const FETCH_EXPIRES_MS = 1_000;
const FETCH_RETRY_MS = 500;

class HandlerBusyError extends Error {
  constructor(handler: string) {
    super(`${handler} is handling another copy of this event`);
  }
}

/**
 * One durable pull consumer per consumed stream, named after the service, shared by all its replicas:
 * each event is handled once per service. Acks after the handlers resolve; naks with back-off; dead-letters
 * after the last allowed delivery or at once when the payload breaks its contract.
 */
@Injectable()
export class EventConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EventConsumer.name);
  private readonly loops: Promise<void>[] = [];
  private stopping = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly outcomes;
  private readonly maxDeliver: number;
  private readonly concurrency: number;
  private readonly ackWaitMs: number;

  constructor(
    private readonly nats: NatsClient,
    private readonly registry: HandlerRegistry,
    private readonly inbox: Inbox,
    private readonly config: ConfigService,
    @Inject(SERVICE_NAME) private readonly serviceName: string,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    metrics: MetricsService,
  ) {
    this.outcomes = metrics.counter('events_consumed_total', 'Events received by outcome', ['subject', 'outcome']);
    this.maxDeliver = config.getOrThrow<number>('CONSUMER_MAX_DELIVER');
    this.concurrency = config.getOrThrow<number>('CONSUMER_CONCURRENCY');
    this.ackWaitMs = config.getOrThrow<number>('CONSUMER_ACK_WAIT_MS');
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const key of this.options.consumes ?? []) {
      const stream = STREAMS[key].name;
      await ensureDurableConsumer(this.nats.jsm, {
        stream,
        durable: this.serviceName,
        maxDeliver: this.maxDeliver,
        ackWaitMs: this.ackWaitMs,
        deliverPolicy: this.config.getOrThrow<'all' | 'new'>('CONSUMER_DELIVER_POLICY'),
      });
      const consumer = await this.nats.js.consumers.get(stream, this.serviceName);
      this.loops.push(this.pull(stream, consumer));
      this.logger.log(`consuming ${stream} as ${this.serviceName}`);
    }
  }

  /** Stops pulling, then waits for the handlers in flight to finish and ack or nak. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.loops);
    await Promise.all(this.inFlight);
  }

  /**
   * Fetches only as many messages as there are free handler slots, so nothing sits unacknowledged in a client
   * buffer: at shutdown every fetched message is handled, and none waits out the ack timeout.
   */
  private async pull(stream: string, consumer: Consumer): Promise<void> {
    while (!this.stopping) {
      const free = this.concurrency - this.inFlight.size;
      if (free <= 0) {
        await Promise.race(this.inFlight);
        continue;
      }
      try {
        const batch = await consumer.fetch({ max_messages: free, expires: FETCH_EXPIRES_MS });
        for await (const message of batch) {
          const work = this.process(message).finally(() => this.inFlight.delete(work));
          this.inFlight.add(work);
        }
      } catch (error) {
        this.logger.warn(`fetch from ${stream} failed, retrying: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, FETCH_RETRY_MS));
      }
    }
  }

  private async process(message: JsMsg): Promise<void> {
    const handlers = this.registry.handlersFor(message.subject);
    if (handlers.length === 0) {
      message.ack();
      return this.count(message, 'ignored');
    }
    let envelope: EventEnvelope;
    try {
      envelope = parseEnvelope(handlers[0].definition, JSON.parse(message.string()));
    } catch (error) {
      return this.deadLetter(message, `rejected on receipt: ${(error as Error).message}`);
    }
    await runInContext({ correlationId: envelope.correlationId, causationId: envelope.eventId }, async () => {
      try {
        const outcome = await this.runHandlers(handlers, envelope, message);
        message.ack();
        this.count(message, outcome);
      } catch (error) {
        await this.fail(message, envelope, error as Error);
      }
    });
  }

  /** Runs each handler that has not completed this event; throws HandlerBusyError when another copy is running one. */
  private async runHandlers(handlers: RegisteredHandler[], envelope: EventEnvelope, message: JsMsg): Promise<Outcome> {
    let ran = false;
    for (const handler of handlers) {
      const claim = await this.claimWhenFree(handler, envelope, message);
      if (claim === 'done') continue;
      if (claim === 'busy') throw new HandlerBusyError(handler.key);
      try {
        await handler.handle(envelope);
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
  private async claimWhenFree(handler: RegisteredHandler, envelope: EventEnvelope, message: JsMsg): Promise<Claim> {
    let claim = await this.inbox.claim(handler.key, envelope.eventId, this.ackWaitMs);
    while (claim === 'busy' && !this.stopping) {
      message.working();
      await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
      claim = await this.inbox.claim(handler.key, envelope.eventId, this.ackWaitMs);
    }
    return claim;
  }

  private async fail(message: JsMsg, envelope: EventEnvelope, error: Error): Promise<void> {
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
    }
  }

  private count(message: JsMsg, outcome: Outcome): void {
    this.outcomes.inc({ subject: message.subject, outcome });
  }
}
