import { LineForStandings, standingKey, standingTargets, totalsFromLedger } from './standing-targets';

function randomLine(random: () => number, index: number): LineForStandings & { id: string } {
  const member = random() < 0.7;
  const unit = `u-${Math.floor(random() * 3)}`;
  const week = `2026-W4${Math.floor(random() * 3) + 6}`;
  return {
    id: `line-${index}`,
    campaignId: 'c-1',
    district: 'd-1',
    subjectType: member ? 'member' : 'unit',
    subjectId: member ? `m-${Math.floor(random() * 5)}` : unit,
    unitId: unit,
    systemIds: unit === 'u-0' ? ['s-edu', 's-health'] : ['s-edu'],
    week,
    month: '2026-11',
    points: Math.round((random() * 20 - 5) * 100) / 100,
  };
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('standing targets', () => {
  it('adds a member line to the member, the member total of its unit, its systems and the district, per campaign, week and month', () => {
    const line = { campaignId: 'c', district: 'd', subjectType: 'member' as const, subjectId: 'm', unitId: 'u', systemIds: ['s'], week: '2026-W48', month: '2026-11', points: 1 };
    expect(standingTargets(line).map(standingKey)).toEqual([
      'campaign|member|m',
      'campaign|unit-members|u',
      'campaign|system|s',
      'campaign|district|d',
      '2026-W48|member|m',
      '2026-W48|unit-members|u',
      '2026-W48|system|s',
      '2026-W48|district|d',
      '2026-11|member|m',
      '2026-11|unit-members|u',
      '2026-11|system|s',
      '2026-11|district|d',
    ]);
  });

  it('property: applying lines once each, in any order and with any duplicates, equals the totals of the ledger', () => {
    for (let seed = 1; seed <= 50; seed += 1) {
      const random = seeded(seed);
      const ledger = Array.from({ length: 40 }, (_, i) => randomLine(random, i));
      const deliveries = [...ledger, ...ledger.filter(() => random() < 0.5)].sort(() => random() - 0.5);
      const applied = new Set<string>();
      const projection = new Map<string, number>();
      for (const line of deliveries) {
        if (applied.has(line.id)) continue;
        applied.add(line.id);
        for (const target of standingTargets(line)) projection.set(standingKey(target), (projection.get(standingKey(target)) ?? 0) + line.points);
      }
      const expected = totalsFromLedger(ledger);
      expect([...projection.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [key, total] of expected) expect(projection.get(key)).toBeCloseTo(total.points, 6);
    }
  });

  it('lists a member under the unit of its line that happened last, whatever the order lines come in', () => {
    const line = (unitId: string, occurredAt: string) => ({ campaignId: 'c', district: 'd', subjectType: 'member' as const, subjectId: 'm', unitId, systemIds: [], week: '2026-W48', month: '2026-11', points: 1, occurredAt: new Date(occurredAt) });
    const moved = line('u-new', '2026-11-24T01:00:00Z');
    const lateEntryBeforeTheMove = line('u-old', '2026-11-17T01:00:00Z');
    for (const lines of [[moved, lateEntryBeforeTheMove], [lateEntryBeforeTheMove, moved]]) {
      const member = totalsFromLedger(lines).get('campaign|member|m');
      expect(member).toEqual(expect.objectContaining({ points: 2, lines: 2, unitAt: new Date('2026-11-24T01:00:00Z') }));
      expect(member?.target.unitId).toBe('u-new');
    }
  });
});
