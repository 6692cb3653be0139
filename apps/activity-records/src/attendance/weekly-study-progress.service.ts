import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Principal } from '@campaign/auth';
import { ACTIVITY, Activity } from '../activities/activity.schema';
import { AccessService } from '../access/access.service';
import { isoWeek } from '../obligations/obligation-rules';
import { OrgDirectoryService } from '../org-read-model/org-directory.service';
import { ATTENDANCE, Attendance } from './attendance.schema';

export interface WeeklyStudyAbsentees {
  week: string;
  studies: { activityId: string; title: string; startsAt: Date; status: string }[];
  absentees: { memberId: string; name: string }[];
}

/** "Who has not attended this week's study": a unit's members without a present at any collective study open to them. */
@Injectable()
export class WeeklyStudyProgressService {
  constructor(
    @InjectModel(ACTIVITY) private readonly activities: Model<Activity>,
    @InjectModel(ATTENDANCE) private readonly attendance: Model<Attendance>,
    private readonly access: AccessService,
    private readonly directory: OrgDirectoryService,
  ) {}

  async absentees(principal: Principal, unitId: string, date?: string): Promise<WeeklyStudyAbsentees> {
    const { district } = principal;
    const unit = await this.access.managedUnit(principal, unitId);
    const week = isoWeek(date ? new Date(`${date}T12:00:00Z`) : new Date());
    const inWeek = { district, kind: 'collective-study', status: { $ne: 'cancelled' }, startsAt: { $gte: week.startsAt, $lt: week.endsAt } };
    // Two finds instead of $or: studies of the unit or an ancestor, and studies the unit was invited to.
    const [organised, invited] = await Promise.all([
      this.activities.find({ ...inWeek, organiserUnitId: { $in: unit.path } }).lean<Activity[]>().exec(),
      this.activities.find({ ...inWeek, invitedUnitIds: unitId }).lean<Activity[]>().exec(),
    ]);
    const studies = [...new Map([...organised, ...invited].map((a) => [a._id, a])).values()];
    const members = await this.directory.activeMembersOfUnit(district, unitId);
    const present = studies.length
      ? await this.attendance
          .find({ district, activityId: { $in: studies.map((s) => s._id) }, memberId: { $in: members.map((m) => m._id) }, status: 'present' })
          .select('memberId')
          .lean<Pick<Attendance, 'memberId'>[]>()
          .exec()
      : [];
    const attended = new Set(present.map((p) => p.memberId));
    return {
      week: week.key,
      studies: studies.map((s) => ({ activityId: s._id, title: s.title, startsAt: s.startsAt, status: s.status })),
      absentees: members.filter((m) => !attended.has(m._id)).map((m) => ({ memberId: m._id, name: m.name })),
    };
  }
}
