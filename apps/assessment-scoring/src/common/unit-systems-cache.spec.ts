import { DistrictSystems, UnitSystemsCache } from './unit-systems-cache';

const systems = (entries: Array<[string, string[], number]>): DistrictSystems => new Map(entries.map(([systemId, unitIds, revision]) => [systemId, { unitIds, revision }]));

describe('UnitSystemsCache', () => {
  it('holds a district’s systems until a newer revision of one is announced, then until it is read at that revision', () => {
    const cache = new UnitSystemsCache(10);
    cache.follow(true);
    cache.putSystems(cache.epoch, 'd-1', systems([['s-edu', ['u-school-1'], 2]]));
    cache.systemAnnounced('d-1', 's-edu', 2);
    expect(cache.systemsOf('d-1')?.get('s-edu')?.unitIds).toEqual(['u-school-1']);

    cache.systemAnnounced('d-1', 's-edu', 3);
    expect(cache.systemsOf('d-1')).toBeUndefined();
    cache.putSystems(cache.epoch, 'd-1', systems([['s-edu', ['u-school-1'], 2]]));
    expect(cache.systemsOf('d-1')).toBeUndefined();
    cache.putSystems(cache.epoch, 'd-1', systems([['s-edu', ['u-school-1', 'u-school-2'], 3]]));
    expect(cache.systemsOf('d-1')?.get('s-edu')?.unitIds).toEqual(['u-school-1', 'u-school-2']);
  });

  it('reads the list again when a system it does not hold is announced (a new system)', () => {
    const cache = new UnitSystemsCache(10);
    cache.follow(true);
    cache.putSystems(cache.epoch, 'd-1', systems([['s-edu', ['u-school-1'], 1]]));
    cache.systemAnnounced('d-1', 's-health', 1);
    expect(cache.systemsOf('d-1')).toBeUndefined();
    expect(cache.systemsOf('d-2')).toBeUndefined();
  });

  it('holds nothing while it does not follow the org events, nor what was read before they were lost', () => {
    const cache = new UnitSystemsCache(10);
    cache.putSystems(cache.epoch, 'd-1', systems([]));
    expect(cache.systemsOf('d-1')).toBeUndefined();
    cache.follow(true);
    const before = cache.epoch;
    cache.follow(false);
    cache.follow(true);
    cache.putSystems(before, 'd-1', systems([]));
    expect(cache.systemsOf('d-1')).toBeUndefined();
  });

  it('reads the list again once it is older than its maximum age', () => {
    let now = 0;
    const cache = new UnitSystemsCache(10, 1_000, () => now);
    cache.follow(true);
    cache.putSystems(cache.epoch, 'd-1', systems([]));
    now = 1_000;
    expect(cache.systemsOf('d-1')).toEqual(new Map());
    now = 1_001;
    expect(cache.systemsOf('d-1')).toBeUndefined();
  });
});
