import { BadRequestException, Controller, ForbiddenException, Get, HttpCode, NotFoundException, Param, ParseBoolPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, hasRole, Principal, Roles } from '@campaign/auth';
import { ExpensiveEndpoint } from '@campaign/service-kit';
import { AccessService } from '../common/access.service';
import { KnownCampaignGuard } from '../common/known-campaign.guard';
import { messages } from '../common/messages';
import { NamesService } from '../common/names.service';
import { AuditService } from '../audit/audit.service';
import { StandingsService } from '../standings/standings.service';
import { ExplainService } from './explain.service';
import { PeriodQueryDto } from './period.dto';

@ApiTags('scores')
@ApiBearerAuth()
@Controller('campaigns/:campaignId')
@UseGuards(KnownCampaignGuard)
export class ScoresController {
  constructor(
    private readonly access: AccessService,
    private readonly explainer: ExplainService,
    private readonly standings: StandingsService,
    private readonly audit: AuditService,
    private readonly names: NamesService,
  ) {}

  @Get('members/:memberId/explain')
  @ApiOkResponse({ description: "A member's score for the period: ledger lines grouped by indicator, with totals. Members see their own." })
  async explainMember(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Param('memberId') memberId: string, @Query() query: PeriodQueryDto) {
    await this.access.assertCanSeeMember(principal, memberId);
    return this.explainer.explain(principal.district, campaignId, 'member', memberId, query.period);
  }

  @Get('units/:unitId/explain')
  @ApiOkResponse({ description: "A unit's own score for the period, grouped by indicator; for the unit's admins and the district's." })
  async explainUnit(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Param('unitId') unitId: string, @Query() query: PeriodQueryDto) {
    await this.access.assertCanManageUnit(principal, unitId);
    return this.explainer.explain(principal.district, campaignId, 'unit', unitId, query.period);
  }

  @Get('standings/:scope/:subjectId')
  @ApiOkResponse({ description: 'A maintained total: member, unit (own points), unit-members (its members’ points attributed to it), system or district; with the subject’s name.' })
  async standing(
    @CurrentPrincipal() principal: Principal,
    @Param('campaignId') campaignId: string,
    @Param('scope') scope: string,
    @Param('subjectId') subjectId: string,
    @Query() query: PeriodQueryDto,
  ) {
    const { district } = principal;
    if (scope === 'member') await this.access.assertCanSeeMember(principal, subjectId);
    else if (scope === 'unit' || scope === 'unit-members') await this.access.assertCanManageUnit(principal, subjectId);
    else if (scope !== 'system' && scope !== 'district') throw new BadRequestException(messages.t('scores.bad-scope'));
    else if (!hasRole(principal, 'district-admin')) throw new ForbiddenException(messages.t('access.district-admins-only'));
    const kind = scope === 'member' ? 'member' : scope === 'system' ? 'system' : 'unit';
    const [standing, names] = await Promise.all([this.standings.find(district, campaignId, query.period, scope, subjectId), scope === 'district' ? null : this.names.of(district, kind, [subjectId])]);
    if (scope === 'system' && !names?.has(subjectId)) throw new NotFoundException(messages.t('error.no-system', { systemId: subjectId }));
    if (scope === 'district' && subjectId !== district) throw new NotFoundException(messages.t('error.no-standing-subject'));
    return { campaignId, period: query.period, scope, subjectId, subjectName: names?.get(subjectId) ?? null, points: standing?.points ?? 0, lines: standing?.lines ?? 0 };
  }

  @Post('standings/reconcile')
  @ExpensiveEndpoint()
  @HttpCode(200)
  @Roles('district-admin')
  @ApiQuery({ name: 'heal', required: false, type: Boolean })
  @ApiOkResponse({ description: 'Compares standings with the ledger; lists drift and, with heal=true, repairs it.' })
  async reconcile(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Query('heal', new ParseBoolPipe({ optional: true })) heal?: boolean) {
    const report = await this.standings.reconcile(principal.district, campaignId, heal ?? false);
    if (report.healed) await this.audit.record({ district: principal.district, campaignId, action: 'standings.reconciled', actor: principal.sub, target: `campaign:${campaignId}`, details: { drifted: report.drift.length } });
    return report;
  }

  @Post('standings/rebuild')
  @ExpensiveEndpoint()
  @HttpCode(200)
  @Roles('district-admin')
  @ApiOkResponse({ description: 'Rebuilds every standing of the campaign from the ledger.' })
  async rebuild(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string) {
    const report = await this.standings.reconcile(principal.district, campaignId, true);
    await this.audit.record({ district: principal.district, campaignId, action: 'standings.reconciled', actor: principal.sub, target: `campaign:${campaignId}`, details: { rebuilt: true, drifted: report.drift.length } });
    return report;
  }
}
