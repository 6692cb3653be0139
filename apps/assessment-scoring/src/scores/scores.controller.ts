import { Controller, Get, HttpCode, Param, ParseBoolPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { ExpensiveEndpoint } from '@campaign/service-kit';
import { KnownCampaignGuard } from '../common/known-campaign.guard';
import { PeriodQueryDto } from './period.dto';
import { ScoresService } from './scores.service';

@ApiTags('scores')
@ApiBearerAuth()
@Controller('campaigns/:campaignId')
@UseGuards(KnownCampaignGuard)
export class ScoresController {
  constructor(private readonly scores: ScoresService) {}

  @Get('members/:memberId/explain')
  @ApiOkResponse({ description: "A member's score for the period: ledger lines grouped by indicator, with totals. Members see their own." })
  explainMember(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Param('memberId') memberId: string, @Query() query: PeriodQueryDto) {
    return this.scores.explainMember(principal, campaignId, memberId, query.period);
  }

  @Get('units/:unitId/explain')
  @ApiOkResponse({ description: "A unit's own score for the period, grouped by indicator; for the unit's admins and the district's." })
  explainUnit(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Param('unitId') unitId: string, @Query() query: PeriodQueryDto) {
    return this.scores.explainUnit(principal, campaignId, unitId, query.period);
  }

  @Get('standings/:scope/:subjectId')
  @ApiOkResponse({ description: 'A maintained total: member, unit (own points), unit-members (its members’ points attributed to it), system or district; with the subject’s name.' })
  standing(
    @CurrentPrincipal() principal: Principal,
    @Param('campaignId') campaignId: string,
    @Param('scope') scope: string,
    @Param('subjectId') subjectId: string,
    @Query() query: PeriodQueryDto,
  ) {
    return this.scores.standing(principal, campaignId, scope, subjectId, query.period);
  }

  @Post('standings/reconcile')
  @ExpensiveEndpoint()
  @HttpCode(200)
  @Roles('district-admin')
  @ApiQuery({ name: 'heal', required: false, type: Boolean })
  @ApiOkResponse({ description: 'Compares standings with the ledger; lists drift and, with heal=true, repairs it.' })
  reconcile(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Query('heal', new ParseBoolPipe({ optional: true })) heal?: boolean) {
    return this.scores.reconcile(principal, campaignId, heal ?? false);
  }

  @Post('standings/rebuild')
  @ExpensiveEndpoint()
  @HttpCode(200)
  @Roles('district-admin')
  @ApiOkResponse({ description: 'Rebuilds every standing of the campaign from the ledger.' })
  rebuild(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string) {
    return this.scores.rebuild(principal, campaignId);
  }
}
