import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Principal } from '@campaign/auth';
import { ORG_UNIT } from '@campaign/org-read-model';
import { AccessService } from '../access/access.service';
import { AttendanceService } from '../attendance/attendance.service';
import { OrgUnit } from '../org-read-model/org-read-model.schemas';
import { StudyLogService } from '../study-log/study-log.service';
import { SubmissionService } from '../submissions/submission.service';
import { participationByChild, UnitParticipation } from './participation';

/**
 * Participation by unit for the dashboards. Reads the campaign's attendance, study entries and submissions of the
 * district (fields needed only) and rolls them up in the service: FerretDB has no $lookup or $group by path.
 */
@Injectable()
export class ParticipationService {
  constructor(
    @InjectModel(ORG_UNIT) private readonly units: Model<OrgUnit>,
    private readonly attendance: AttendanceService,
    private readonly studyLog: StudyLogService,
    private readonly submissions: SubmissionService,
    private readonly access: AccessService,
  ) {}

  /** For the unit's managers. */
  async byChildUnit(principal: Principal, campaignId: string, unitId: string): Promise<UnitParticipation[]> {
    const { district } = principal;
    await this.access.managedUnit(principal, unitId);
    const [units, attendance, studyEntries, submissions] = await Promise.all([
      this.units.find({ district, status: 'active' }).select('_id name parentId path').lean(),
      this.attendance.statusesByUnit(district, campaignId),
      this.studyLog.hoursByUnit(district, campaignId),
      this.submissions.timingsByUnit(district, campaignId),
    ]);
    return participationByChild({
      unitId,
      units: units.map((unit) => ({ unitId: unit._id, name: unit.name, parentId: unit.parentId, path: unit.path })),
      attendance,
      studyEntries,
      submissions,
    });
  }
}
