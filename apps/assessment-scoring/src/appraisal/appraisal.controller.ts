import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { KnownCampaignGuard } from '../common/known-campaign.guard';
import { ExcellentLimitDto, HonourDto, HonourQuotaDto, ReviewDto, SelfEvaluationDto } from './appraisal.dto';
import { AppraisalService } from './appraisal.service';

@ApiTags('appraisal')
@ApiBearerAuth()
@ApiConflictResponse({ description: 'Not in the appraisal stage, or the appraisal is finalised (frozen).' })
@Controller('campaigns/:campaignId/appraisal')
@UseGuards(KnownCampaignGuard)
export class AppraisalController {
  constructor(private readonly appraisal: AppraisalService) {}

  @Put('self-evaluations')
  @ApiOkResponse({ description: 'A member evaluates themselves; a unit’s own administrators evaluate the unit.' })
  selfEvaluate(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Body() body: SelfEvaluationDto) {
    return this.appraisal.selfEvaluate(principal, campaignId, body);
  }

  @Put('reviews')
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: 'The parent unit reviews and rates (excellent, good, pass, fail); nobody rates themselves, their own unit or what they evaluated.' })
  review(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Body() body: ReviewDto) {
    return this.appraisal.review(principal, campaignId, body);
  }

  @Get()
  @Roles('district-admin', 'unit-admin')
  @ApiQuery({ name: 'subjectType', required: false, enum: ['member', 'unit'] })
  @ApiOkResponse({ description: 'Appraisals of the district (district admin) or of the caller’s subtree (unit admin).' })
  list(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Query('subjectType') subjectType?: 'member' | 'unit') {
    return this.appraisal.list(principal, campaignId, subjectType === 'member' || subjectType === 'unit' ? subjectType : undefined);
  }

  @Get('calibration')
  @Roles('district-admin')
  @ApiOkResponse({ description: "Each reviewing unit's rating distribution next to the others', with a leniency score." })
  calibration(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string) {
    return this.appraisal.calibration(principal.district, campaignId);
  }

  @Put('excellent-limits')
  @Roles('district-admin')
  @ApiOkResponse({ description: 'At most this share of those each unit reviews may be rated excellent (maxShare), or at most max by one reviewing unit.' })
  setExcellentLimit(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Body() body: ExcellentLimitDto) {
    return this.appraisal.setExcellentLimit(principal, campaignId, body);
  }

  @Put('honour-quotas')
  @Roles('district-admin')
  @ApiOkResponse({ description: 'How many honours of a kind a system may award.' })
  setQuota(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Body() body: HonourQuotaDto) {
    return this.appraisal.setQuota(principal, campaignId, body);
  }

  @Post('honours')
  @HttpCode(200)
  @Roles('district-admin')
  @ApiOkResponse({ description: 'Awards advanced collective (unit) or excellent member (member) within the system quota.' })
  honour(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Body() body: HonourDto) {
    return this.appraisal.honour(principal, campaignId, body);
  }

  @Post('finalisation')
  @HttpCode(200)
  @Roles('district-admin')
  @ApiOkResponse({ description: 'Freezes the results and the unit rankings and publishes scoring.appraisal.finalised.' })
  finalise(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string) {
    return this.appraisal.finalise(principal, campaignId);
  }

  @Get('round')
  @ApiOkResponse({ description: 'Whether the appraisal is open or finalised.' })
  round(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string) {
    return this.appraisal.round(principal.district, campaignId);
  }
}
