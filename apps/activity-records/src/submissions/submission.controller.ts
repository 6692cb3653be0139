import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { ResubmitDto, ReviewSubmissionDto, SubmitDto } from './submission.dto';
import { Submission } from './submission.schema';
import { SubmissionService } from './submission.service';
import { ShowNames } from '../responses/show-names.decorator';

const SUBMISSION_NAMES = { memberId: 'member', memberUnitId: 'unit' } as const;

@ApiTags('submissions')
@ApiBearerAuth()
@Controller()
export class SubmissionController {
  constructor(private readonly submissions: SubmissionService) {}

  @Post('submissions')
  @Roles('member')
  @ApiCreatedResponse({ description: "The calling member's reflection or research report; emits activity.submission.submitted" })
  @ApiConflictResponse({ description: 'Already submitted for that year, or the stage does not allow it' })
  @ShowNames(SUBMISSION_NAMES)
  submit(@CurrentPrincipal() principal: Principal, @Body() dto: SubmitDto): Promise<Submission> {
    return this.submissions.submit(principal, dto);
  }

  @Get('submissions/:submissionId')
  @ApiOkResponse()
  @ShowNames(SUBMISSION_NAMES)
  get(@CurrentPrincipal() principal: Principal, @Param('submissionId') submissionId: string): Promise<Submission> {
    return this.submissions.get(principal, submissionId);
  }

  @Post('submissions/:submissionId/resubmit')
  @Roles('member')
  @ApiOkResponse({ description: 'A returned submission, revised; emits activity.submission.submitted with the next attempt' })
  @ShowNames(SUBMISSION_NAMES)
  resubmit(@CurrentPrincipal() principal: Principal, @Param('submissionId') submissionId: string, @Body() dto: ResubmitDto): Promise<Submission> {
    return this.submissions.resubmit(principal, submissionId, dto);
  }

  @Post('submissions/:submissionId/review')
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: 'Accepted, or returned with a comment; emits activity.submission.reviewed' })
  @ShowNames(SUBMISSION_NAMES)
  review(@CurrentPrincipal() principal: Principal, @Param('submissionId') submissionId: string, @Body() dto: ReviewSubmissionDto): Promise<Submission> {
    return this.submissions.review(principal, submissionId, dto);
  }

  @Get('members/:memberId/submissions')
  @ApiOkResponse({ description: "A member's submissions" })
  @ShowNames(SUBMISSION_NAMES)
  forMember(@CurrentPrincipal() principal: Principal, @Param('memberId') memberId: string): Promise<Submission[]> {
    return this.submissions.forMember(principal, memberId);
  }
}
