import { participationByChild } from './participation';

describe('participationByChild', () => {
  const units = [
    { unitId: 'root', name: '区委', parentId: null, path: ['root'] },
    { unitId: 'edu', name: '区教育局', parentId: 'root', path: ['root', 'edu'] },
    { unitId: 'school', name: '区第一中学', parentId: 'edu', path: ['root', 'edu', 'school'] },
    { unitId: 'yk', name: '盈口乡', parentId: 'root', path: ['root', 'yk'] },
  ];

  it("rolls each record up to the child of the unit it lies under, the unit's own members under its own row", () => {
    const rows = participationByChild({
      unitId: 'root',
      units,
      attendance: [
        { memberUnitId: 'school', status: 'present' },
        { memberUnitId: 'edu', status: 'absent' },
        { memberUnitId: 'yk', status: 'present' },
        { memberUnitId: 'yk', status: 'excused' },
        { memberUnitId: 'root', status: 'present' },
      ],
      studyEntries: [
        { memberUnitId: 'school', hours: 2 },
        { memberUnitId: 'yk', hours: 1.5 },
      ],
      submissions: [
        { memberUnitId: 'yk', submittedAt: '2026-05-01T00:00:00Z', dueAt: '2026-12-31T15:59:59Z' },
        { memberUnitId: 'yk', submittedAt: '2027-01-02T00:00:00Z', dueAt: '2026-12-31T15:59:59Z' },
      ],
    });
    expect(rows).toEqual([
      { unitId: 'root', name: '区委', attendance: { present: 1, excused: 0, absent: 0, rate: 1 }, studyHours: 0, submissions: { total: 0, onTime: 0, onTimeRate: null } },
      { unitId: 'edu', name: '区教育局', attendance: { present: 1, excused: 0, absent: 1, rate: 0.5 }, studyHours: 2, submissions: { total: 0, onTime: 0, onTimeRate: null } },
      { unitId: 'yk', name: '盈口乡', attendance: { present: 1, excused: 1, absent: 0, rate: 0.5 }, studyHours: 1.5, submissions: { total: 2, onTime: 1, onTimeRate: 0.5 } },
    ]);
  });

  it('ignores records outside the unit’s subtree', () => {
    const rows = participationByChild({ unitId: 'edu', units, attendance: [{ memberUnitId: 'yk', status: 'present' }], studyEntries: [], submissions: [] });
    expect(rows.map((row) => [row.unitId, row.attendance.present])).toEqual([
      ['edu', 0],
      ['school', 0],
    ]);
  });
});
