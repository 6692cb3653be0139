import { recordSeatChange, tenuresOf } from './seat-history';

describe('leading-group seat history', () => {
  const opened = recordSeatChange([], [], [{ memberId: 'm1', role: 'leader' }, { memberId: 'm2', role: 'member' }], '2026-03-01', 'admin-a');

  it('opens a tenure for every seat of a new group', () => {
    expect(opened).toEqual([
      { memberId: 'm1', role: 'leader', from: '2026-03-01', to: null, assignedBy: 'admin-a', endedBy: null },
      { memberId: 'm2', role: 'member', from: '2026-03-01', to: null, assignedBy: 'admin-a', endedBy: null },
    ]);
  });

  it('ends a removed seat and a changed role, opens the new role, and leaves unchanged seats alone', () => {
    const next = recordSeatChange(opened, [{ memberId: 'm1', role: 'leader' }, { memberId: 'm2', role: 'member' }], [{ memberId: 'm2', role: 'deputy' }, { memberId: 'm3', role: 'leader' }], '2026-09-01', 'admin-b');
    expect(next).toEqual([
      { memberId: 'm1', role: 'leader', from: '2026-03-01', to: '2026-09-01', assignedBy: 'admin-a', endedBy: 'admin-b' },
      { memberId: 'm2', role: 'member', from: '2026-03-01', to: '2026-09-01', assignedBy: 'admin-a', endedBy: 'admin-b' },
      { memberId: 'm2', role: 'deputy', from: '2026-09-01', to: null, assignedBy: 'admin-b', endedBy: null },
      { memberId: 'm3', role: 'leader', from: '2026-09-01', to: null, assignedBy: 'admin-b', endedBy: null },
    ]);
    expect(opened[0].to).toBeNull();
  });

  it('records a seat held before history was kept with no start, when it ends or when asked for', () => {
    const ended = recordSeatChange([], [{ memberId: 'old', role: 'deputy' }], [], '2026-09-01', 'admin-b');
    expect(ended).toEqual([{ memberId: 'old', role: 'deputy', from: null, to: '2026-09-01', assignedBy: null, endedBy: 'admin-b' }]);
    expect(tenuresOf('old', [{ memberId: 'old', role: 'deputy' }], [])).toEqual([{ memberId: 'old', role: 'deputy', from: null, to: null, assignedBy: null, endedBy: null }]);
    expect(tenuresOf('m1', [{ memberId: 'm1', role: 'leader' }], opened)).toEqual([opened[0]]);
  });
});
