import { changedRows, markAll, summarise } from './attendance-sheet';

describe('the attendance sheet', () => {
  const members = ['m1', 'm2', 'm3', 'm4'];

  it('counts each status and who is not marked yet', () => {
    expect(summarise(members, { m1: 'present', m2: 'excused', m3: 'present' })).toEqual({ present: 2, excused: 1, absent: 0, unmarked: 1 });
  });

  it('marks everyone at once, keeping nobody unmarked', () => {
    expect(summarise(members, markAll(members, { m2: 'absent' }, 'present'))).toEqual({ present: 4, excused: 0, absent: 0, unmarked: 0 });
  });

  it('sends only marked rows that differ from what is recorded', () => {
    expect(changedRows(members, { m1: 'present', m2: 'absent', m3: 'present' }, { m1: 'present', m2: 'present' })).toEqual([
      { memberId: 'm2', status: 'absent' },
      { memberId: 'm3', status: 'present' },
    ]);
  });
});
