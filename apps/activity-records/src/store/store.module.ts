import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ACTIVITY, activitySchema } from '../activities/activity.schema';
import { ATTENDANCE, attendanceSchema } from '../attendance/attendance.schema';
import { CAMPAIGN, campaignSchema } from '../campaigns/campaign.schema';
import {
  MEMBER_STUDY_OBLIGATION,
  memberStudyObligationSchema,
  OBLIGATION,
  OBLIGATION_PASS,
  obligationPassSchema,
  obligationSchema,
} from '../obligations/obligation.schema';
import { PLAN, planSchema } from '../plans/plan.schema';
import { STUDY_ENTRY, studyEntrySchema } from '../study-log/study-entry.schema';
import { SUBMISSION, submissionSchema } from '../submissions/submission.schema';
import { TARGET, targetSchema } from '../targets/target.schema';

const models = MongooseModule.forFeature([
  { name: CAMPAIGN, schema: campaignSchema },
  { name: PLAN, schema: planSchema },
  { name: ACTIVITY, schema: activitySchema },
  { name: ATTENDANCE, schema: attendanceSchema },
  { name: STUDY_ENTRY, schema: studyEntrySchema },
  { name: SUBMISSION, schema: submissionSchema },
  { name: TARGET, schema: targetSchema },
  { name: OBLIGATION, schema: obligationSchema },
  { name: MEMBER_STUDY_OBLIGATION, schema: memberStudyObligationSchema },
  { name: OBLIGATION_PASS, schema: obligationPassSchema },
]);

/**
 * Every record collection of the service, registered once (as org-registry's OrgDataModule): features read another's
 * records through its service, while obligations, derived from all of them, are re-evaluated by their writers.
 */
@Global()
@Module({ imports: [models], exports: [models] })
export class StoreModule {}
