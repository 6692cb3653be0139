import { createEnvelope, ScoreChanged } from '@campaign/contracts';
import { ListedStanding, RankingKey, RankingView } from './ranking-view';

const district = 'd-1';
const campaignId = 'c-1';
const T0 = Date.parse('2026-11-25T02:00:00Z');

const unitMembers = (unitId: string, period = 'campaign'): RankingKey => ({ district, campaignId, period, scope: 'member', unitId });
const districtUnits: RankingKey = { district, campaignId, period: 'campaign', scope: 'unit', unitId: null };

/** A `scoring.score.changed` of a member (or unit) standing, stamped `at`. */
function change(subjectId: string, unitId: string, points: number, delta: number, at = T0 + 10_000, subjectType: 'member' | 'unit' = 'member', period = 'campaign') {
  return createEnvelope(
    ScoreChanged,
    { campaignId, subjectType, subjectId, unitId, standings: [{ scope: subjectType, period, points, delta }], lines: delta === 0 ? 0 : 1, sourceEventIds: [] },
    { district, source: 'test', occurredAt: new Date(at) },
  );
}

/** The store as the view's loads read it, counting the reads. */
class Store {
  reads = 0;
  constructor(private readonly byKey: Map<string, ListedStanding[]>) {}

  static of(rankings: Record<string, ListedStanding[]>): Store {
    return new Store(new Map(Object.entries(rankings)));
  }

  set(name: string, listed: ListedStanding[]): void {
    this.byKey.set(name, listed);
  }

  load(name: string) {
    return async () => {
      this.reads += 1;
      return this.byKey.get(name) ?? [];
    };
  }
}

function viewAt(now: { time: number }, maxStandings = 1_000, maxAgeMs = 60_000): RankingView {
  const view = new RankingView({ maxStandings, maxAgeMs, now: () => now.time });
  view.follow(true);
  return view;
}

const ids = (sorted: Array<{ subjectId: string; points: number }>) => sorted.map(({ subjectId, points }) => `${subjectId}:${points}`);

describe('RankingView', () => {
  let now: { time: number };
  let store: Store;
  let view: RankingView;

  beforeEach(() => {
    now = { time: T0 };
    store = Store.of({
      'u-a': [
        { subjectId: 'm-1', points: 2 },
        { subjectId: 'm-2', points: 3 },
        { subjectId: 'm-gone', points: 9, leftOn: '2026-11-01' },
      ],
      'u-b': [{ subjectId: 'm-3', points: 4 }],
      units: [
        { subjectId: 'u-a', points: 10 },
        { subjectId: 'u-b', points: 8 },
      ],
    });
    view = viewAt(now);
  });

  it('reads a ranking from the store once, sorted and without leavers, then from memory', async () => {
    expect(ids(await view.sorted(unitMembers('u-a'), store.load('u-a')))).toEqual(['m-2:3', 'm-1:2']);
    expect(ids(await view.sorted(unitMembers('u-a'), store.load('u-a')))).toEqual(['m-2:3', 'm-1:2']);
    expect(store.reads).toBe(1);
  });

  it('lets readers arriving together share one read of the store', async () => {
    const [first, second] = await Promise.all([view.sorted(unitMembers('u-a'), store.load('u-a')), view.sorted(unitMembers('u-a'), store.load('u-a'))]);
    expect(second).toEqual(first);
    expect(store.reads).toBe(1);
  });

  it('applies a score change that follows from the points held, and re-sorts', async () => {
    await view.sorted(unitMembers('u-a'), store.load('u-a'));
    view.apply(change('m-1', 'u-a', 3.5, 1.5));
    expect(ids(await view.sorted(unitMembers('u-a'), store.load('u-a')))).toEqual(['m-1:3.5', 'm-2:3']);
    expect(store.reads).toBe(1);
  });

  it('adds a member whose first points these are, and leaves a change already held as it is', async () => {
    await view.sorted(unitMembers('u-a'), store.load('u-a'));
    view.apply(change('m-new', 'u-a', 5, 5));
    view.apply(change('m-2', 'u-a', 3, 1));
    expect(ids(await view.sorted(unitMembers('u-a'), store.load('u-a')))).toEqual(['m-new:5', 'm-2:3', 'm-1:2']);
    expect(store.reads).toBe(1);
  });

  it('keeps a leaver off the ranking when its points change', async () => {
    await view.sorted(unitMembers('u-a'), store.load('u-a'));
    view.apply(change('m-gone', 'u-a', 10, 1));
    expect(ids(await view.sorted(unitMembers('u-a'), store.load('u-a')))).toEqual(['m-2:3', 'm-1:2']);
  });

  it('reads the ranking again after a change that does not follow from what it holds (one was missed)', async () => {
    await view.sorted(unitMembers('u-a'), store.load('u-a'));
    store.set('u-a', [
      { subjectId: 'm-1', points: 7 },
      { subjectId: 'm-2', points: 3 },
    ]);
    view.apply(change('m-1', 'u-a', 7, 1));
    expect(view.holds(unitMembers('u-a'))).toBe(false);
    expect(ids(await view.sorted(unitMembers('u-a'), store.load('u-a')))).toEqual(['m-1:7', 'm-2:3']);
    expect(store.reads).toBe(2);
  });

  it('ignores a change stamped well before the ranking was read (the read already has it, or something newer)', async () => {
    now.time = T0 + 60_000;
    await view.sorted(unitMembers('u-a'), store.load('u-a'));
    view.apply(change('m-2', 'u-a', 2, -1, T0));
    expect(ids(await view.sorted(unitMembers('u-a'), store.load('u-a')))).toEqual(['m-2:3', 'm-1:2']);
    expect(view.holds(unitMembers('u-a'))).toBe(true);
  });

  it('applies a change heard while the ranking was being read, once the read is in', async () => {
    let finishRead: (listed: ListedStanding[]) => void = () => undefined;
    const reading = view.sorted(unitMembers('u-a'), () => new Promise((resolve) => (finishRead = resolve)));
    view.apply(change('m-1', 'u-a', 4, 2));
    finishRead([
      { subjectId: 'm-1', points: 2 },
      { subjectId: 'm-2', points: 3 },
    ]);
    expect(ids(await reading)).toEqual(['m-1:4', 'm-2:3']);
    expect(view.holds(unitMembers('u-a'))).toBe(true);
  });

  it('drops the old and the new unit’s rankings when a member is reported in another unit (a transfer, delta 0)', async () => {
    await view.sorted(unitMembers('u-a'), store.load('u-a'));
    await view.sorted(unitMembers('u-b'), store.load('u-b'));
    view.apply(change('m-1', 'u-b', 2, 0));
    expect(view.holds(unitMembers('u-a'))).toBe(false);
    expect(view.holds(unitMembers('u-b'))).toBe(false);
    store.set('u-a', [{ subjectId: 'm-2', points: 3 }]);
    store.set('u-b', [
      { subjectId: 'm-3', points: 4 },
      { subjectId: 'm-1', points: 2 },
    ]);
    expect(ids(await view.sorted(unitMembers('u-a'), store.load('u-a')))).toEqual(['m-2:3']);
    expect(ids(await view.sorted(unitMembers('u-b'), store.load('u-b')))).toEqual(['m-3:4', 'm-1:2']);
  });

  it('drops a unit’s ranking when one of its members leaves (delta 0 in the same unit)', async () => {
    await view.sorted(unitMembers('u-a'), store.load('u-a'));
    view.apply(change('m-2', 'u-a', 3, 0));
    expect(view.holds(unitMembers('u-a'))).toBe(false);
  });

  it('leaves rankings of other periods and other units alone', async () => {
    await view.sorted(unitMembers('u-a'), store.load('u-a'));
    view.apply(change('m-1', 'u-a', 9, 9, T0 + 10_000, 'member', '2026-W48'));
    view.apply(change('m-3', 'u-b', 5, 1));
    expect(ids(await view.sorted(unitMembers('u-a'), store.load('u-a')))).toEqual(['m-2:3', 'm-1:2']);
    expect(store.reads).toBe(1);
  });

  it('keeps the district’s unit ranking current from the units’ own standings', async () => {
    await view.sorted(districtUnits, store.load('units'));
    view.apply(change('u-b', 'u-b', 11, 3, T0 + 10_000, 'unit'));
    expect(ids(await view.sorted(districtUnits, store.load('units')))).toEqual(['u-b:11', 'u-a:10']);
    expect(store.reads).toBe(1);
  });

  it('holds at most maxStandings standings: the least recently read ranking goes first, and its members with it', async () => {
    view = viewAt(now, 5);
    await view.sorted(unitMembers('u-a'), store.load('u-a'));
    await view.sorted(unitMembers('u-b'), store.load('u-b'));
    await view.sorted(unitMembers('u-b'), store.load('u-b'));
    await view.sorted(districtUnits, store.load('units'));
    expect([view.holds(unitMembers('u-a')), view.holds(unitMembers('u-b')), view.holds(districtUnits)]).toEqual([false, true, true]);
    expect(view.standingsHeld).toBe(3);
    // u-a's members went with it: m-1 reported in u-b is not taken for a move out of u-a, and is added there.
    view.apply(change('m-1', 'u-b', 2, 2));
    expect(ids(await view.sorted(unitMembers('u-b'), store.load('u-b')))).toEqual(['m-3:4', 'm-1:2']);
    expect(store.reads).toBe(3);
  });

  it('reads a ranking again once it is older than maxAgeMs', async () => {
    await view.sorted(unitMembers('u-a'), store.load('u-a'));
    now.time = T0 + 60_001;
    await view.sorted(unitMembers('u-a'), store.load('u-a'));
    expect(store.reads).toBe(2);
  });

  it('holds nothing while it does not follow the score changes, nor keeps a read begun before it stopped', async () => {
    let finishRead: (listed: ListedStanding[]) => void = () => undefined;
    const reading = view.sorted(unitMembers('u-b'), () => new Promise((resolve) => (finishRead = resolve)));
    await view.sorted(unitMembers('u-a'), store.load('u-a'));
    view.follow(false);
    finishRead([{ subjectId: 'm-3', points: 4 }]);
    expect(ids(await reading)).toEqual(['m-3:4']);
    expect([view.holds(unitMembers('u-a')), view.holds(unitMembers('u-b'))]).toEqual([false, false]);
    await view.sorted(unitMembers('u-a'), store.load('u-a'));
    await view.sorted(unitMembers('u-a'), store.load('u-a'));
    expect(store.reads).toBe(3);
  });
});
