import { Injectable } from '@nestjs/common';
import { ClientProxy, ReadPacket } from '@nestjs/microservices';
import { PubAck } from '@nats-io/jetstream';
import { headers, NatsConnection } from '@nats-io/nats-core';
import { EventEnvelope } from '@campaign/contracts';
import { CORRELATION_HEADER } from '@campaign/service-kit';
import { NatsClient } from '../nats-client';

/**
 * Nest's client side of the JetStream transport: `emit(subject, envelope)` publishes with the event id as Nats-Msg-Id,
 * so JetStream drops a republished duplicate, and resolves to the PubAck. Services publish through the outbox
 * (EventPublisher, OutboxRelay), which call it.
 */
@Injectable()
export class JetStreamClientProxy extends ClientProxy {
  constructor(private readonly nats: NatsClient) {
    super();
  }

  connect(): Promise<NatsConnection> {
    return Promise.resolve(this.nats.nc);
  }

  /** The connection is NatsClient's, drained at application shutdown. */
  close(): void {
    return undefined;
  }

  unwrap<T>(): T {
    return this.nats.nc as T;
  }

  protected publish(packet: ReadPacket): () => void {
    throw new Error(`${String(packet.pattern)}: request/response is not supported over JetStream; publish events with emit()`);
  }

  protected async dispatchEvent<T = PubAck>(packet: ReadPacket<EventEnvelope>): Promise<T> {
    const envelope = packet.data;
    const messageHeaders = headers();
    messageHeaders.set(CORRELATION_HEADER, envelope.correlationId);
    return (await this.nats.js.publish(String(packet.pattern), JSON.stringify(envelope), { msgID: envelope.eventId, headers: messageHeaders })) as T;
  }
}
