import { CampaignWeek } from '../campaigns/campaign-calendar';
import { owesStudy, weekDays } from './member-study-rules';

/** 2026-W50 in Beijing: Monday 7 December to Sunday 13 December. */
const week: CampaignWeek = { key: '2026-W50', startsAt: new Date('2026-12-06T16:00:00Z'), endsAt: new Date('2026-12-13T16:00:00Z') };
const zone = 'Asia/Shanghai';

describe("a member's weekly study", () => {
  it('spans the local days of the week', () => {
    expect(weekDays(week, zone)).toEqual({ first: '2026-12-07', last: '2026-12-13' });
  });

  it('is owed by a member for the whole week', () => {
    expect(owesStudy({ status: 'active', joinedOn: '2020-01-01' }, week, zone)).toBe(true);
    expect(owesStudy({ status: 'active' }, week, zone)).toBe(true);
    expect(owesStudy({ status: 'active', joinedOn: '2026-12-07' }, week, zone)).toBe(true);
  });

  it('is not owed by someone who joined after the week began or left before it ended', () => {
    expect(owesStudy({ status: 'active', joinedOn: '2026-12-08' }, week, zone)).toBe(false);
    expect(owesStudy({ status: 'retired', leftOn: '2026-12-13' }, week, zone)).toBe(false);
    expect(owesStudy({ status: 'left' }, week, zone)).toBe(false);
  });

  it('is still owed for a week that ended before the member left', () => {
    expect(owesStudy({ status: 'left', leftOn: '2026-12-14' }, week, zone)).toBe(true);
  });
});
