import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Principal } from '@campaign/auth';
import { ActivityService } from '../activities/activity.service';
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
    private readonly activities: ActivityService,
    @InjectModel(ATTENDANCE) private readonly attendance: Model<Attendance>,
    private readonly access: AccessService,
    private readonly directory: OrgDirectoryService,
  ) {}

  async absentees(principal: Principal, unitId: string, date?: string): Promise<WeeklyStudyAbsentees> {
    const { district } = principal;
    const unit = await this.access.managedUnit(principal, unitId);
    const week = isoWeek(date ? new Date(`${date}T12:00:00Z`) : new Date());
    const studies = await this.activities.collectiveStudiesOpenTo(district, { _id: unitId, path: unit.path }, week);
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
