import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DEAD_LETTER_STREAM, STREAMS } from '@campaign/contracts';
import { MessageTransport, ReadinessRegistry, SERVICE_NAME } from '@campaign/service-kit';
import { EventConsumer } from './consumer/event-consumer';
import { Inbox } from './consumer/inbox';
import { InboxPruner } from './consumer/inbox-pruner';
import { EventPublisher } from './event-publisher';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { NatsClient } from './nats-client';
import { OutboxRelay } from './outbox/outbox-relay';
import { StagedOutbox } from './outbox/staged-outbox';
import { ensureStream, StreamSpec } from './stream-provisioner';
import { JetStreamClientProxy } from './transport/jetstream-client.proxy';
import { JetStreamServer } from './transport/jetstream.server';

/** Connects, provisions the streams this service touches (idempotently), and registers the readiness probe. */
async function connectAndProvision(
  config: ConfigService,
  serviceName: string,
  options: MessagingOptions,
  readiness: ReadinessRegistry,
): Promise<NatsClient> {
  const client = await NatsClient.connect(config.getOrThrow<string>('NATS_URL'), `${serviceName}-${process.pid}`);
  const streamKeys = [...(options.publishes ? [options.publishes] : []), ...(options.consumes ?? [])];
  const specs: StreamSpec[] = [...new Set(streamKeys)].map((key) => STREAMS[key]);
  for (const spec of [...specs, DEAD_LETTER_STREAM]) {
    await ensureStream(client.jsm, spec, { replicas: config.getOrThrow<number>('STREAM_REPLICAS') });
  }
  readiness.register('nats', () => client.ping());
  return client;
}

@Injectable()
class NatsConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(NatsClient) private readonly client: NatsClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}

@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: NatsClient,
          inject: [ConfigService, SERVICE_NAME, MESSAGING_OPTIONS, ReadinessRegistry],
          useFactory: connectAndProvision,
        },
        NatsConnectionCloser,
        EventPublisher,
        OutboxRelay,
        StagedOutbox,
        Inbox,
        InboxPruner,
        EventConsumer,
        JetStreamServer,
        { provide: MessageTransport, useExisting: JetStreamServer },
        JetStreamClientProxy,
      ],
      exports: [NatsClient, EventPublisher, OutboxRelay, StagedOutbox, JetStreamClientProxy, MessageTransport],
    };
  }
}
