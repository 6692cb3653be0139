import { Logger } from '@nestjs/common';
import { AckPolicy, DeliverPolicy, JetStreamApiCodes, JetStreamApiError, JetStreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { DUPLICATE_WINDOW_MS } from './messaging.options';

const logger = new Logger('StreamProvisioner');

export interface StreamSpec {
  name: string;
  subjects: readonly string[];
}

export interface StreamSettings {
  replicas: number;
}

function isAlreadyInUse(error: unknown): boolean {
  return error instanceof JetStreamApiError && /already in use/i.test(error.message);
}

/** Creates the stream if missing; N replicas may race, the loser finds it made. */
export async function ensureStream(jsm: JetStreamManager, spec: StreamSpec, settings: StreamSettings = { replicas: 1 }): Promise<void> {
  try {
    await jsm.streams.info(spec.name);
    return;
  } catch (error) {
    if (!(error instanceof JetStreamApiError) || error.code !== JetStreamApiCodes.StreamNotFound) throw error;
  }
  try {
    await jsm.streams.add({
      name: spec.name,
      subjects: [...spec.subjects],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
      num_replicas: settings.replicas,
    });
    logger.log(`stream ${spec.name} created`);
  } catch (error) {
    if (!isAlreadyInUse(error)) throw error;
  }
}

export interface DurableSpec {
  stream: string;
  durable: string;
  maxDeliver: number;
  ackWaitMs: number;
  deliverPolicy: 'all' | 'new';
}

/** Creates or updates the service's durable consumer; identical configs from racing replicas are accepted. */
export async function ensureDurableConsumer(jsm: JetStreamManager, spec: DurableSpec): Promise<void> {
  const config = {
    durable_name: spec.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: spec.deliverPolicy === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
    max_deliver: spec.maxDeliver,
    ack_wait: nanos(spec.ackWaitMs),
    max_ack_pending: 10_000,
  };
  try {
    await jsm.consumers.add(spec.stream, config);
  } catch (error) {
    if (!(error instanceof JetStreamApiError) || !/already (exists|in use)/i.test(error.message)) throw error;
    await jsm.consumers.update(spec.stream, spec.durable, { max_deliver: spec.maxDeliver, ack_wait: config.ack_wait });
  }
}
