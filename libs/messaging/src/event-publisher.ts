import { Inject, Injectable } from '@nestjs/common';
import { PubAck } from '@nats-io/jetstream';
import { lastValueFrom } from 'rxjs';
import { createEnvelope, definitionForSubject, EventDefinition, EventEnvelope, parseEnvelope } from '@campaign/contracts';
import { currentContext, MetricsService, SERVICE_NAME } from '@campaign/service-kit';
import { JetStreamClientProxy } from './transport/jetstream-client.proxy';

export interface EnvelopeOptions {
  eventId?: string;
  occurredAt?: Date;
}

/** Stamps events with this service and the current correlation, and publishes them de-duplicated by event id. */
@Injectable()
export class EventPublisher {
  private readonly published;

  constructor(
    private readonly client: JetStreamClientProxy,
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
    const ack = await lastValueFrom(this.client.emit<PubAck>(subject, envelope));
    this.published.inc({ subject, duplicate: String(ack.duplicate) });
  }
}
