import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Attendance, ATTENDANCE } from '../attendance/attendance.schema';
import { ORG_UNIT } from '@campaign/org-read-model';
import { OrgUnit } from '../org-read-model/org-read-model.schemas';
import { STUDY_ENTRY, StudyEntry } from '../study-log/study-entry.schema';
import { SUBMISSION, Submission } from '../submissions/submission.schema';
import { participationByChild, UnitParticipation } from './participation';

/**
 * Participation by unit for the dashboards. Reads the campaign's attendance, study entries and submissions of the
 * district (fields needed only) and rolls them up in the service: FerretDB has no $lookup or $group by path.
 */
@Injectable()
export class ParticipationService {
  constructor(
    @InjectModel(ORG_UNIT) private readonly units: Model<OrgUnit>,
    @InjectModel(ATTENDANCE) private readonly attendance: Model<Attendance>,
    @InjectModel(STUDY_ENTRY) private readonly studyEntries: Model<StudyEntry>,
    @InjectModel(SUBMISSION) private readonly submissions: Model<Submission>,
  ) {}

  async byChildUnit(district: string, campaignId: string, unitId: string): Promise<UnitParticipation[]> {
    const [units, attendance, studyEntries, submissions] = await Promise.all([
      this.units.find({ district, status: 'active' }).select('_id name parentId path').lean(),
      this.attendance.find({ district, campaignId }).select('memberUnitId status').lean(),
      this.studyEntries.find({ district, campaignId }).select('memberUnitId hours').lean(),
      this.submissions.find({ district, campaignId }).select('memberUnitId submittedAt dueAt').lean(),
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
