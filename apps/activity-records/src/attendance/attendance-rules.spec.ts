import { OrgMember } from '../org-read-model/org-read-model.schemas';
import { checkInRefusal, eligibilityRefusal, rowReason, validateAttendanceRows } from './attendance-rules';

function member(id: string, unitPath: string[], overrides: Partial<OrgMember> = {}): OrgMember {
  return {
    _id: id,
    district: 'd1',
    name: id,
    unitId: unitPath[unitPath.length - 1],
    unitPath,
    posts: [],
    isLeader: false,
    isKeyPost: false,
    status: 'active',
    previousUnits: [],
    revision: 1,
    ...overrides,
  };
}

const startsAt = new Date('2026-11-25T09:00:00Z');
const scope = { organiserUnitId: 'edu', invitedUnitIds: ['cppcc'], startsAt };

describe('attendance eligibility', () => {
  it('accepts members of the organiser subtree and of invited units', () => {
    expect(eligibilityRefusal(member('m1', ['root', 'edu', 'school-1']), scope)).toBeNull();
    expect(eligibilityRefusal(member('m2', ['root', 'cppcc']), scope)).toBeNull();
  });

  it('refuses unknown, inactive and out-of-scope members', () => {
    expect(eligibilityRefusal(undefined, scope)).toEqual({ code: 'no-such-member' });
    expect(eligibilityRefusal(member('m3', ['root', 'edu'], { status: 'left' }), scope)).toEqual({ code: 'member-inactive', status: 'left' });
    expect(eligibilityRefusal(member('m4', ['root', 'commerce']), scope)).toEqual({ code: 'out-of-scope' });
  });

  it("accepts a member transferred out after the activity, by the unit they belonged to then", () => {
    const transferred = member('m5', ['root', 'commerce'], { previousUnits: [{ unitId: 'edu', until: new Date('2026-12-01T00:00:00Z') }] });
    expect(eligibilityRefusal(transferred, scope)).toBeNull();
  });
});

describe('bulk attendance validation', () => {
  it('lists every bad row with its index and reason', () => {
    const members = new Map([
      ['a', member('a', ['root', 'edu'])],
      ['b', member('b', ['root', 'commerce'])],
    ]);
    expect(validateAttendanceRows(['a', 'b', 'x', 'a'], members, scope)).toEqual([
      { index: 1, memberId: 'b', refusal: { code: 'out-of-scope' } },
      { index: 2, memberId: 'x', refusal: { code: 'no-such-member' } },
      { index: 3, memberId: 'a', refusal: { code: 'duplicate', row: 0 } },
    ]);
  });

  it('finds nothing wrong in a clean batch', () => {
    const members = new Map([['a', member('a', ['root', 'edu'])]]);
    expect(validateAttendanceRows(['a'], members, scope)).toEqual([]);
  });
});

describe('check-in window', () => {
  it('is open from the window before the start to the window after it, inclusive', () => {
    expect(checkInRefusal(startsAt, new Date('2026-11-25T08:40:00Z'), 20)).toBeNull();
    expect(checkInRefusal(startsAt, new Date('2026-11-25T09:20:00Z'), 20)).toBeNull();
  });

  it('refuses too early and too late with the window bounds', () => {
    expect(checkInRefusal(startsAt, new Date('2026-11-25T08:39:59Z'), 20)).toEqual({ code: 'check-in-not-open', at: new Date('2026-11-25T08:40:00Z'), minutes: 20 });
    expect(checkInRefusal(startsAt, new Date('2026-11-25T09:20:01Z'), 20)).toEqual({ code: 'check-in-closed', at: new Date('2026-11-25T09:20:00Z'), minutes: 20 });
  });
});

describe('row reasons', () => {
  it('are told in the caller language, Chinese by default', () => {
    expect(rowReason({ code: 'member-inactive', status: 'left' })).toBe('该党员状态为已离开');
    expect(rowReason({ code: 'duplicate', row: 3 })).toBe('与第3行重复');
  });
});
