import { Logger } from '@nestjs/common';
import { jetstream, jetstreamManager, JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';

/** The service's one NATS connection (reconnecting forever) with its JetStream client and manager. */
export class NatsClient {
  private static readonly logger = new Logger(NatsClient.name);

  private constructor(
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
  ) {}

  static async connect(servers: string, name: string): Promise<NatsClient> {
    const nc = await connect({
      servers: servers.split(','),
      name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      waitOnFirstConnect: true,
    });
    const client = new NatsClient(nc, jetstream(nc), await jetstreamManager(nc));
    void client.logStatusChanges();
    return client;
  }

  async ping(): Promise<void> {
    if (this.nc.isClosed()) throw new Error('connection closed');
    await this.nc.flush();
  }

  async close(): Promise<void> {
    if (!this.nc.isClosed()) await this.nc.drain();
  }

  private async logStatusChanges(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnect') NatsClient.logger.warn(`nats ${status.type}`);
    }
  }
}
