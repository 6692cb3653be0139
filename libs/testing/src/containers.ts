import { existsSync } from 'node:fs';

/** The images a laptop with Docker runs every suite on: the production store and broker. */
export const MONGO_IMAGE = 'mongo:7.0';
export const NATS_IMAGE = 'nats:2.15.2-alpine';

export interface StartedContainer {
  url: string;
  stop(): Promise<void>;
}

/** Whether a Docker engine answers (testcontainers' own detection); only asked when something is left to start. */
export async function dockerAnswers(): Promise<boolean> {
  if (!process.env.DOCKER_HOST && !existsSync('/var/run/docker.sock') && !process.env.TESTCONTAINERS_HOST_OVERRIDE) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/** MongoDB 7 as a single-node replica set (transactions, change streams and retryable writes as in production). */
export async function startMongoContainer(): Promise<StartedContainer> {
  const { MongoDBContainer } = await import('@testcontainers/mongodb');
  const container = await new MongoDBContainer(MONGO_IMAGE).start();
  const url = new URL(container.getConnectionString());
  url.searchParams.set('directConnection', 'true');
  url.pathname = '/';
  return { url: url.toString(), stop: () => container.stop().then(() => undefined) };
}

export async function startNatsContainer(): Promise<StartedContainer> {
  const { NatsContainer } = await import('@testcontainers/nats');
  const container = await new NatsContainer(NATS_IMAGE).withJetStream().start();
  return { url: `nats://${container.getHost()}:${container.getMappedPort(4222)}`, stop: () => container.stop().then(() => undefined) };
}
