import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { headers } from '@nats-io/nats-core';
import { deadLetterSubject, parseEnvelope, STREAMS, EventEnvelope } from '@campaign/contracts';
import { MetricsService, runInContext, SERVICE_NAME } from '@campaign/service-kit';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';
import { NatsClient } from '../nats-client';
import { ensureDurableConsumer } from '../stream-provisioner';
import { redeliveryDelay } from './backoff';
import { HandlerRegistry, RegisteredHandler } from './handler-registry';
import { Inbox } from './inbox';

type Outcome = 'handled' | 'duplicate' | 'ignored' | 'retried' | 'dead_lettered';

/**
 * One durable pull consumer per consumed stream, named after the service, shared by all its replicas:
 * each event is handled once per service. Acks after the handlers resolve; naks with back-off; dead-letters
 * after the last allowed delivery or at once when the payload breaks its contract.
 */
@Injectable()
export class EventConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EventConsumer.name);
  private readonly subscriptions: ConsumerMessages[] = [];
  private readonly loops: Promise<void>[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly outcomes;
  private readonly maxDeliver: number;
  private readonly concurrency: number;

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
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const key of this.options.consumes ?? []) {
      const stream = STREAMS[key].name;
      await ensureDurableConsumer(this.nats.jsm, {
        stream,
        durable: this.serviceName,
        maxDeliver: this.maxDeliver,
        ackWaitMs: this.config.getOrThrow<number>('CONSUMER_ACK_WAIT_MS'),
      });
      const consumer = await this.nats.js.consumers.get(stream, this.serviceName);
      const messages = await consumer.consume({ max_messages: this.concurrency });
      this.subscriptions.push(messages);
      this.loops.push(this.drain(messages));
      this.logger.log(`consuming ${stream} as ${this.serviceName}`);
    }
  }

  /** Stops pulling, then waits for the handlers in flight to finish and ack or nak. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.subscriptions.map((messages) => messages.close()));
    await Promise.all(this.loops);
    await Promise.all(this.inFlight);
  }

  private async drain(messages: ConsumerMessages): Promise<void> {
    for await (const message of messages) {
      while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
      const work = this.process(message).finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
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
        const outcome = await this.runHandlers(handlers, envelope);
        message.ack();
        this.count(message, outcome);
      } catch (error) {
        await this.fail(message, envelope, error as Error);
      }
    });
  }

  private async runHandlers(handlers: RegisteredHandler[], envelope: EventEnvelope): Promise<Outcome> {
    let ran = false;
    for (const handler of handlers) {
      if (await this.inbox.hasProcessed(handler.key, envelope.eventId)) continue;
      await handler.handle(envelope);
      await this.inbox.recordProcessed(handler.key, envelope.eventId);
      ran = true;
    }
    return ran ? 'handled' : 'duplicate';
  }

  private async fail(message: JsMsg, envelope: EventEnvelope, error: Error): Promise<void> {
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
      message.term(reason.slice(0, 256));
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
