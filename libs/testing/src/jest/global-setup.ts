import { startInfrastructure, Infrastructure } from '../infrastructure';

declare global {
  var __campaignInfrastructure: Infrastructure | undefined;
}

/** One store and one broker for the whole jest run; suites isolate themselves by database name. */
export default async function globalSetup(): Promise<void> {
  const infrastructure = await startInfrastructure({ purpose: 'integration' });
  globalThis.__campaignInfrastructure = infrastructure;
  process.env.TEST_MONGO_BASE_URL = infrastructure.mongoUrl('');
  process.env.TEST_NATS_URL = infrastructure.natsUrl;
  process.env.TEST_INFRA_DIR = infrastructure.workDir;
  process.env.TEST_SERVICE_ENV = JSON.stringify(infrastructure.serviceEnv);
}
