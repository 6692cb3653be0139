/** Where the store or the broker of a run comes from. */
export type Provenance = 'given' | 'container' | 'embedded';

export interface InfrastructureChoice {
  store: Provenance;
  broker: Provenance;
}

/** `CAMPAIGN_TEST_INFRA`: `auto` (default) uses Docker when an engine answers, `embedded` never does, `containers` always does. */
export type InfrastructureMode = 'auto' | 'embedded' | 'containers';

export function infrastructureMode(value: string | undefined): InfrastructureMode {
  if (value === undefined || value === '' || value === 'auto') return 'auto';
  if (value === 'embedded' || value === 'containers') return value;
  throw new Error(`CAMPAIGN_TEST_INFRA must be auto, embedded or containers (got "${value}")`);
}

/**
 * MONGO_URL / NATS_URL when set; otherwise MongoDB and NATS in containers when a Docker engine answers; otherwise the
 * embedded FerretDB (on PostgreSQL) and nats-server. Docker is asked only when something is left to start.
 */
export async function chooseInfrastructure(
  env: Record<string, string | undefined>,
  dockerAnswers: () => Promise<boolean>,
): Promise<InfrastructureChoice> {
  const mode = infrastructureMode(env.CAMPAIGN_TEST_INFRA);
  const storeGiven = Boolean(env.MONGO_URL);
  const brokerGiven = Boolean(env.NATS_URL);
  if (storeGiven && brokerGiven) return { store: 'given', broker: 'given' };
  let rest: Provenance = 'embedded';
  if (mode === 'containers') {
    if (!(await dockerAnswers())) throw new Error('CAMPAIGN_TEST_INFRA=containers, but no Docker engine answers');
    rest = 'container';
  } else if (mode === 'auto' && (await dockerAnswers())) {
    rest = 'container';
  }
  return { store: storeGiven ? 'given' : rest, broker: brokerGiven ? 'given' : rest };
}
