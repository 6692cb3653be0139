import { CampaignWeek, localDay } from '../campaigns/campaign-calendar';
import { OrgMember } from '../org-read-model/org-read-model.schemas';

/** The first and last local days of a campaign week (study-log entries are dated by day). */
export function weekDays(week: CampaignWeek, timeZone: string): { first: string; last: string } {
  return { first: localDay(week.startsAt, timeZone), last: localDay(new Date(week.endsAt.getTime() - 1), timeZone) };
}

/**
 * Whether a member owes study in a week: only for a whole week as a member. Someone who joined after the week began,
 * or left before it ended, owes nothing for it; a transfer changes where the week is counted, not whether it is owed.
 */
export function owesStudy(member: Pick<OrgMember, 'status' | 'joinedOn' | 'leftOn'>, week: CampaignWeek, timeZone: string): boolean {
  const { first, last } = weekDays(week, timeZone);
  if (member.joinedOn && member.joinedOn > first) return false;
  if (member.status === 'active') return true;
  return Boolean(member.leftOn && member.leftOn > last);
}
