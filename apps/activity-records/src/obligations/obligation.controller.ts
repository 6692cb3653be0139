import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { AccessService } from '../access/access.service';
import { MemberStudyObligations } from './member-study.service';
import { ObligationAnnouncer } from './obligation-announcer';
import { ObligationNames } from './obligation-descriptions';
import { ObligationQueryDto } from './obligation.dto';
import { ObligationEvaluator } from './obligation-evaluator';
import { Obligation } from './obligation.schema';
import { ObligationService } from './obligation.service';

type ShownObligation = Obligation & ObligationNames & { description: string };

@ApiTags('obligations')
@ApiBearerAuth()
@Controller()
export class ObligationController {
  constructor(
    private readonly obligations: ObligationService,
    private readonly memberStudy: MemberStudyObligations,
    private readonly announcer: ObligationAnnouncer,
    private readonly evaluator: ObligationEvaluator,
    private readonly access: AccessService,
  ) {}

  @Get('units/:unitId/obligations')
  @ApiOkResponse({ description: "Compliance view: the unit's and its subtree's obligations, members' included, with names and descriptions" })
  async forUnit(@CurrentPrincipal() principal: Principal, @Param('unitId') unitId: string, @Query() query: ObligationQueryDto): Promise<ShownObligation[]> {
    await this.access.managedUnit(principal, unitId);
    return this.announcer.present(principal.district, await this.obligations.forUnit(principal.district, unitId, query));
  }

  @Get('members/:memberId/obligations')
  @ApiOkResponse({ description: "A member's obligations (their own, or a manager of their unit), this week's study shown open until it is met" })
  async forMember(@CurrentPrincipal() principal: Principal, @Param('memberId') memberId: string, @Query() query: ObligationQueryDto): Promise<ShownObligation[]> {
    const member = await this.access.visibleMember(principal, memberId);
    const stored = await this.obligations.forMember(principal.district, memberId, query);
    const showsOpenWeek = (!query.kind || query.kind === 'member-weekly-study') && (!query.status || query.status === 'open');
    const open = showsOpenWeek ? await this.memberStudy.openWeeks(principal.district, member, stored) : [];
    const inCampaign = open.filter((o) => !query.campaignId || o.campaignId === query.campaignId);
    return this.announcer.present(principal.district, [...stored, ...inCampaign]);
  }

  @Post('obligations/evaluate')
  @HttpCode(204)
  @Roles('district-admin', 'operator')
  @ApiNoContentResponse({ description: "Runs the periodic evaluation now for the caller's district" })
  async evaluate(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.evaluator.runOnce(principal.district);
  }
}
