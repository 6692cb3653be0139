import { Inject, Injectable } from '@nestjs/common';
import { headers } from '@nats-io/nats-core';
import { createEnvelope, definitionForSubject, EventDefinition, EventEnvelope, parseEnvelope } from '@campaign/contracts';
import { CORRELATION_HEADER, currentContext, MetricsService, SERVICE_NAME } from '@campaign/service-kit';
import { NatsClient } from './nats-client';

export interface EnvelopeOptions {
  eventId?: string;
  occurredAt?: Date;
}

/** Stamps events with this service and the current correlation, and publishes them de-duplicated by event id. */
@Injectable()
export class EventPublisher {
  private readonly published;

  constructor(
    private readonly nats: NatsClient,
    @Inject(SERVICE_NAME) private readonly serviceName: string,
    metrics: MetricsService,
  ) {
    this.published = metrics.counter('events_published_total', 'Events published to JetStream', ['subject', 'duplicate']);
  }

  envelope<P>(definition: EventDefinition<P>, payload: P, district: string, options: EnvelopeOptions = {}): EventEnvelope<P> {
    const context = currentContext();
    return createEnvelope(definition, payload, {
      district,
      source: this.serviceName,
      correlationId: context?.correlationId,
      causationId: context?.causationId,
      ...options,
    });
  }

  /** Publishes a stored or fresh envelope; validated again here so nothing off-contract reaches the stream. */
  async publish(envelope: EventEnvelope): Promise<void> {
    const subject = `${envelope.type}.v${envelope.schemaVersion}`;
    const definition = definitionForSubject(subject);
    if (!definition) throw new Error(`unknown event ${subject}: add it to libs/contracts`);
    parseEnvelope(definition, envelope);
    const messageHeaders = headers();
    messageHeaders.set(CORRELATION_HEADER, envelope.correlationId);
    const ack = await this.nats.js.publish(subject, JSON.stringify(envelope), { msgID: envelope.eventId, headers: messageHeaders });
    this.published.inc({ subject, duplicate: String(ack.duplicate) });
  }
}
