import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { parse } from 'csv-parse/sync';
import { Principal } from '@campaign/auth';
import { localTime } from '../campaigns/campaign-calendar';
import { CampaignService } from '../campaigns/campaign.service';
import { badRequest, messages } from '../i18n/messages';
import { OrgDirectoryService } from '../org-read-model/org-directory.service';
import { OrgMember } from '../org-read-model/org-read-model.schemas';
import { checkInRefusal, RowError, validateAttendanceRows } from './attendance-rules';
import { AttendanceRow, AttendanceService, invalidRows, RecordOutcome } from './attendance.service';

export interface ImportReportRow {
  /** The line in the file (the header is line 1). */
  line: number;
  memberId?: string;
  externalId?: string;
  name?: string;
  /** Stable: `unmatched`, `already-checked-in`, `check-in-not-open`, `check-in-closed`. */
  code: string;
  reason: string;
}

export interface CheckInImportReport extends RecordOutcome {
  rows: number;
  unmatched: ImportReportRow[];
  outsideWindow: ImportReportRow[];
  duplicates: ImportReportRow[];
}

const FIRST_DATA_LINE = 2;

/**
 * Imports an external check-in export: rows are matched to members by memberId or HR externalId, matched rows are
 * validated like bulk attendance (one invalid row rejects the file), and unmatched rows are reported, not recorded.
 */
@Injectable()
export class CheckInImportService {
  private readonly windowMinutes: number;

  constructor(
    private readonly attendance: AttendanceService,
    private readonly directory: OrgDirectoryService,
    private readonly campaigns: CampaignService,
    config: ConfigService,
  ) {
    this.windowMinutes = config.getOrThrow<number>('ACTIVITY_CHECKIN_WINDOW_MINUTES');
  }

  async import(principal: Principal, activityId: string, csv: string): Promise<CheckInImportReport> {
    const activity = await this.attendance.recordable(principal, activityId);
    const { timeZone } = await this.campaigns.get(principal.district, activity.campaignId);
    const records = this.parse(csv);
    const byId = new Map(
      (await this.directory.membersByIds(principal.district, records.map((r) => r.memberId).filter(Boolean))).map((m) => [m._id, m]),
    );
    const byExternalId = new Map(
      (await this.directory.membersByExternalIds(principal.district, records.map((r) => r.externalId).filter(Boolean))).map((m) => [m.externalId as string, m]),
    );
    const report: CheckInImportReport = { rows: records.length, recorded: 0, unchanged: 0, unmatched: [], outsideWindow: [], duplicates: [] };
    const matched: { line: number; member: OrgMember }[] = [];
    const seen = new Set<string>();
    const invalidTimes: (Omit<RowError, 'index'> & { line: number })[] = [];
    records.forEach((record, index) => {
      const line = index + FIRST_DATA_LINE;
      const describe = { line, memberId: record.memberId || undefined, externalId: record.externalId || undefined, name: record.name || undefined };
      const member = byId.get(record.memberId) ?? byExternalId.get(record.externalId);
      if (!member) return report.unmatched.push({ ...describe, code: 'unmatched', reason: messages.t('row.unmatched') });
      if (seen.has(member._id)) return report.duplicates.push({ ...describe, code: 'already-checked-in', reason: messages.t('row.already-checked-in') });
      seen.add(member._id);
      if (record.checkedInAt) {
        const at = new Date(record.checkedInAt);
        if (Number.isNaN(at.getTime())) return invalidTimes.push({ line, memberId: member._id, refusal: { code: 'not-a-time', value: record.checkedInAt } });
        const refusal = checkInRefusal(activity.startsAt, at, this.windowMinutes);
        if (refusal) {
          const reason = messages.t(`error.${refusal.code}`, { minutes: refusal.minutes, at: localTime(refusal.at, timeZone) });
          return report.outsideWindow.push({ ...describe, code: refusal.code, reason });
        }
      }
      matched.push({ line, member });
    });
    const members = new Map(matched.map(({ member }) => [member._id, member]));
    const ineligible = validateAttendanceRows(
      matched.map(({ member }) => member._id),
      members,
      activity,
    ).map(({ index, memberId, refusal }) => ({ line: matched[index].line, memberId, refusal }));
    const errors = [...invalidTimes, ...ineligible].sort((a, b) => a.line - b.line);
    if (errors.length > 0) throw invalidRows(errors, records.length);
    const rows: AttendanceRow[] = matched.map(({ member }) => ({ memberId: member._id, status: 'present' }));
    const outcome = rows.length > 0 ? await this.attendance.write(principal.district, activity, rows, members, 'import', principal.sub) : { recorded: 0, unchanged: 0 };
    return { ...report, ...outcome };
  }

  private parse(csv: string): { memberId: string; externalId: string; name: string; checkedInAt: string }[] {
    let records: Record<string, string>[];
    try {
      records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true });
    } catch (error) {
      throw badRequest('csv-unreadable', { detail: (error as Error).message }, { field: 'csv' });
    }
    const header = Object.keys(records[0] ?? {});
    if (records.length > 0 && !header.includes('memberId') && !header.includes('externalId')) {
      throw badRequest('csv-header', {}, { field: 'csv' });
    }
    return records.map((record) => ({
      memberId: record['memberId'] ?? '',
      externalId: record['externalId'] ?? '',
      name: record['name'] ?? '',
      checkedInAt: record['checkedInAt'] ?? '',
    }));
  }
}
