import { FERRETDB_DEFAULT_POOL_MAX_CONNS, PROCESSES_SHARING_ONE_FERRETDB, storeProfileFor } from './store-profile';

describe('storeProfileFor', () => {
  it('leaves MongoDB to the driver: one command per bulk write, its own pool, no locks', () => {
    expect(storeProfileFor('mongodb')).toEqual({ kind: 'mongodb', updatesPerCommand: Number.POSITIVE_INFINITY, maxPoolSize: undefined, updatesNeedLocks: false });
    expect(storeProfileFor('mongodb', { maxPoolSize: 50 }).maxPoolSize).toBe(50);
  });

  it.each([16, 40, 50, 64, 200])('on FerretDB with a pool of %i, the updates all processes may have in flight stay below the pool', (pool) => {
    const profile = storeProfileFor('ferretdb', { ferretDbPoolMaxConns: pool });
    expect(profile.kind).toBe('ferretdb');
    expect(profile.updatesNeedLocks).toBe(true);
    expect(PROCESSES_SHARING_ONE_FERRETDB * (profile.maxPoolSize as number) * profile.updatesPerCommand).toBeLessThan(pool);
  });

  it('assumes FerretDB’s own default pool when none is configured, and keeps at least one connection', () => {
    expect(storeProfileFor('ferretdb').maxPoolSize).toBe(Math.floor((FERRETDB_DEFAULT_POOL_MAX_CONNS - 1) / PROCESSES_SHARING_ONE_FERRETDB));
    expect(storeProfileFor('ferretdb', { ferretDbPoolMaxConns: 3 })).toMatchObject({ updatesPerCommand: 1, maxPoolSize: 1 });
  });

  it('keeps an operator’s explicit pool size', () => {
    expect(storeProfileFor('ferretdb', { ferretDbPoolMaxConns: 64, maxPoolSize: 3 }).maxPoolSize).toBe(3);
  });
});
