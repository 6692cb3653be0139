import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { ResponsesModule } from '../responses/responses.module';
import { MemberStudyObligations } from './member-study.service';
import { ObligationAnnouncer } from './obligation-announcer';
import { ObligationService } from './obligation.service';

/** What the records' services re-evaluate as they change; apart from ObligationsModule, which serves and schedules it. */
@Module({
  imports: [CampaignsModule, ResponsesModule],
  providers: [ObligationService, MemberStudyObligations, ObligationAnnouncer],
  exports: [ObligationService, MemberStudyObligations, ObligationAnnouncer],
})
export class ObligationTrackingModule {}
