import { scoreChanges, StandingChange, standingsSetWithoutLines } from './score-changes';
import { standingTargets } from './standing-targets';

const line = (subjectType: 'member' | 'unit', subjectId: string, unitId: string, points: number, sourceEventId: string) => ({
  campaignId: 'c-1',
  district: 'd-1',
  subjectType,
  subjectId,
  unitId,
  systemIds: ['s-edu'],
  week: '2026-W48',
  month: '2026-11',
  points,
  sourceEventId,
});

/** The standing changes of lines applied to empty standings. */
function fromNothing(lines: Array<ReturnType<typeof line>>): StandingChange[] {
  const changes = new Map<string, StandingChange>();
  for (const entry of lines) {
    for (const target of standingTargets(entry)) {
      const key = `${target.scope}|${target.period}|${target.subjectId}`;
      const change = changes.get(key) ?? { ...target, points: 0, delta: 0 };
      change.points += entry.points;
      change.delta += entry.points;
      changes.set(key, change);
    }
  }
  return [...changes.values()];
}

describe('scoring.score.changed payloads of an applied batch', () => {
  const lines = [line('member', 'm-li', 'u-school', 2, 'e-1'), line('member', 'm-li', 'u-school', 1, 'e-1'), line('member', 'm-wang', 'u-school', 2, 'e-2'), line('unit', 'u-yingkou', 'u-yingkou', 10, 'e-3')];

  it('gives one payload per member and per unit, never for systems or the district', () => {
    const payloads = scoreChanges('c-1', lines, fromNothing(lines));
    expect(payloads.map((payload) => [payload.subjectType, payload.subjectId, payload.lines, payload.sourceEventIds])).toEqual([
      ['member', 'm-li', 2, ['e-1']],
      ['member', 'm-wang', 1, ['e-2']],
      ['unit', 'u-school', 3, ['e-1', 'e-2']],
      ['unit', 'u-yingkou', 1, ['e-3']],
    ]);
  });

  it('lists every standing touched, campaign first, with its new points and the batch’s change', () => {
    const [li, , school, yingkou] = scoreChanges('c-1', lines, fromNothing(lines));
    expect(li).toEqual({
      campaignId: 'c-1',
      subjectType: 'member',
      subjectId: 'm-li',
      unitId: 'u-school',
      standings: [
        { scope: 'member', period: 'campaign', points: 3, delta: 3 },
        { scope: 'member', period: '2026-11', points: 3, delta: 3 },
        { scope: 'member', period: '2026-W48', points: 3, delta: 3 },
      ],
      lines: 2,
      sourceEventIds: ['e-1'],
    });
    expect(school.standings.map((standing) => [standing.scope, standing.period, standing.points])).toEqual([
      ['unit-members', 'campaign', 5],
      ['unit-members', '2026-11', 5],
      ['unit-members', '2026-W48', 5],
    ]);
    expect(yingkou.standings[0]).toEqual({ scope: 'unit', period: 'campaign', points: 10, delta: 10 });
  });

  it('reports points and deltas rounded to cents, and nothing for an empty batch', () => {
    const changes: StandingChange[] = [{ period: 'campaign', scope: 'member', subjectId: 'm-li', unitId: 'u-school', points: 0.1 + 0.2, delta: 0.30000000000000004 }];
    expect(scoreChanges('c-1', [line('member', 'm-li', 'u-school', 0.3, 'e-9')], changes)[0].standings).toEqual([{ scope: 'member', period: 'campaign', points: 0.3, delta: 0.3 }]);
    expect(scoreChanges('c-1', [], [])).toEqual([]);
  });
});

describe('scoring.score.changed payloads of standings set without lines', () => {
  it('gives one payload per subject and unit, with no lines, for members and units only', () => {
    const changes: StandingChange[] = [
      { period: 'campaign', scope: 'member', subjectId: 'm-li', unitId: 'u-school-2', points: 3, delta: 0 },
      { period: '2026-11', scope: 'member', subjectId: 'm-li', unitId: 'u-school-2', points: 2, delta: 0 },
      { period: '2026-W47', scope: 'member', subjectId: 'm-li', unitId: 'u-school-1', points: 1, delta: 0 },
      { period: 'campaign', scope: 'unit-members', subjectId: 'u-school-1', points: 4.004, delta: -1 },
      { period: 'campaign', scope: 'district', subjectId: 'd-1', points: 9, delta: -1 },
    ];
    expect(standingsSetWithoutLines('c-1', changes)).toEqual([
      {
        campaignId: 'c-1',
        subjectType: 'member',
        subjectId: 'm-li',
        unitId: 'u-school-2',
        standings: [
          { scope: 'member', period: 'campaign', points: 3, delta: 0 },
          { scope: 'member', period: '2026-11', points: 2, delta: 0 },
        ],
        lines: 0,
        sourceEventIds: [],
      },
      { campaignId: 'c-1', subjectType: 'member', subjectId: 'm-li', unitId: 'u-school-1', standings: [{ scope: 'member', period: '2026-W47', points: 1, delta: 0 }], lines: 0, sourceEventIds: [] },
      { campaignId: 'c-1', subjectType: 'unit', subjectId: 'u-school-1', unitId: 'u-school-1', standings: [{ scope: 'unit-members', period: 'campaign', points: 4, delta: -1 }], lines: 0, sourceEventIds: [] },
    ]);
  });
});
