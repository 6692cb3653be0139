import { Injectable, Logger } from '@nestjs/common';
import { PeriodicJob } from '@campaign/service-kit';
import { Clock } from '../clock/clock';
import { DirectoryService } from '../directory/directory.service';
import { DirectoryMember } from '../directory/member.schema';
import { Notifier } from '../notifications/notifier.service';
import { TrackedObligation } from '../obligations/obligation.schema';
import { descriptionOf, ObligationsService } from '../obligations/obligations.service';
import { formatLocal, isoWeek, localParts } from '../preferences/local-time';
import { MemberPreference } from '../preferences/preference.schema';
import { PreferencesService } from '../preferences/preferences.service';
import { SettingsService } from '../settings/settings.service';
import { DailyDigest, DigestLine, isEmptyDigest, renderDailyDigest, renderWeeklySummary, UnitCompliance } from './digest-content';

const DAILY_RULE = 'digest-daily';
const WEEKLY_RULE = 'digest-weekly';
const WEEK_MS = 7 * 86_400_000;

/**
 * Digests for members who chose them, after their digest hour in the district's zone: daily (own obligations,
 * the gaps of the units they are secretary of, the messages held back) and weekly for those holding a role in the
 * district's root unit (compliance of every unit). Roles are the explicit ones org-registry resolved. The period is
 * the notification's source id, so each is one message per recipient per period.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger(DigestService.name);
  private readonly job = new PeriodicJob('digest', () => this.sendDue(), this.logger);

  constructor(
    private readonly preferences: PreferencesService,
    private readonly directory: DirectoryService,
    private readonly obligations: ObligationsService,
    private readonly settings: SettingsService,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
  ) {}

  kick(): void {
    this.job.kick();
  }

  stop(): Promise<void> {
    return this.job.stop();
  }

  /** One pass after any in progress, resolved once it is done: what was due by now is sent. */
  passNow(): Promise<void> {
    return this.job.run();
  }

  private async sendDue(): Promise<void> {
    for (const preference of await this.preferences.digestSubscribers()) {
      await this.digestsFor(preference).catch((error: Error) =>
        this.logger.warn(`digest for ${preference.district}/${preference.memberId} failed, will retry: ${error.message}`),
      );
    }
  }

  private async digestsFor(preference: MemberPreference): Promise<void> {
    const { district, memberId } = preference;
    const settings = await this.settings.forDistrict(district);
    const local = localParts(this.clock.now(), settings.timeZone);
    if (local.minuteOfDay < preference.digestHour * 60) return;
    const member = await this.directory.member(district, memberId);
    if (member?.status !== 'active') return;
    await this.daily(member, local.date, settings.timeZone);
    const rootUnitId = member.unitPath[0];
    if ((member.roles ?? []).some((held) => held.unitId === rootUnitId)) await this.weekly(member, isoWeek(local.date));
  }

  private async daily(member: DirectoryMember, date: string, timeZone: string): Promise<void> {
    const { district, memberId } = member;
    const sourceEventId = `digest:${date}`;
    if (await this.notifier.wasSent(district, sourceEventId, DAILY_RULE, memberId)) return;
    const held = await this.notifier.heldForDigest(district, memberId);
    const line = (obligation: TrackedObligation, owner?: string): DigestLine => ({
      text: descriptionOf(obligation),
      dueAt: formatLocal(obligation.dueAt, timeZone),
      ...(owner ? { owner } : {}),
    });
    const secretaryOf = (member.roles ?? []).filter((held) => held.role === 'secretary').map((held) => held.unitId);
    const digest: DailyDigest = {
      date,
      messages: held.map((notification) => notification.subject),
      ownOutstanding: (await this.obligations.outstandingFor(district, memberId)).map((obligation) => line(obligation)),
      branchGaps: secretaryOf.length > 0 ? await this.branchGaps(district, secretaryOf, line) : null,
    };
    if (isEmptyDigest(digest)) return;
    await this.notifier.notify({ district, sourceEventId, ruleId: DAILY_RULE, recipient: member, kind: 'digest', render: (locale) => renderDailyDigest(digest, locale) });
    if (held.length > 0) await this.notifier.releaseFromDigest(district, held.map((notification) => notification.notificationId));
  }

  private async branchGaps(district: string, unitIds: string[], line: (obligation: TrackedObligation, owner?: string) => DigestLine): Promise<DigestLine[]> {
    const gaps = (await Promise.all(unitIds.map((unitId) => this.obligations.gapsInUnit(district, unitId)))).flat();
    const owners = await this.directory.activeMembers(district, [...new Set(gaps.flatMap((gap) => (gap.memberId ? [gap.memberId] : [])))]);
    const names = new Map(owners.map((owner) => [owner.memberId, owner.name]));
    return gaps.map((gap) => line(gap, gap.memberId ? (names.get(gap.memberId) ?? gap.memberId) : undefined));
  }

  private async weekly(member: DirectoryMember, week: string): Promise<void> {
    const { district, memberId } = member;
    const sourceEventId = `digest:${week}`;
    if (await this.notifier.wasSent(district, sourceEventId, WEEKLY_RULE, memberId)) return;
    const now = this.clock.now();
    const due = await this.obligations.dueBetween(district, new Date(now.getTime() - WEEK_MS), now);
    // Counted here: FerretDB 1.x lacks the $group accumulators this would need beyond $sum.
    const byUnit = new Map<string, UnitCompliance>();
    for (const obligation of due) {
      const counts = byUnit.get(obligation.unitId) ?? { unitName: await this.directory.unitName(district, obligation.unitId), due: 0, met: 0, missed: 0 };
      counts.due += 1;
      if (obligation.status === 'met') counts.met += 1;
      if (obligation.status === 'missed') counts.missed += 1;
      byUnit.set(obligation.unitId, counts);
    }
    const units = [...byUnit.values()].sort((a, b) => b.missed - a.missed || a.unitName.localeCompare(b.unitName));
    await this.notifier.notify({ district, sourceEventId, ruleId: WEEKLY_RULE, recipient: member, kind: 'digest', render: (locale) => renderWeeklySummary(week, units, locale) });
  }
}
