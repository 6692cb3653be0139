import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { ObligationQueryDto } from './obligation.dto';
import { ObligationEvaluator } from './obligation-evaluator';
import { ObligationViewsService, ShownObligation } from './obligation-views.service';

@ApiTags('obligations')
@ApiBearerAuth()
@Controller()
export class ObligationController {
  constructor(
    private readonly views: ObligationViewsService,
    private readonly evaluator: ObligationEvaluator,
  ) {}

  @Get('units/:unitId/obligations')
  @ApiOkResponse({ description: "Compliance view: the unit's and its subtree's obligations, members' included, with names and descriptions" })
  forUnit(@CurrentPrincipal() principal: Principal, @Param('unitId') unitId: string, @Query() query: ObligationQueryDto): Promise<ShownObligation[]> {
    return this.views.forUnit(principal, unitId, query);
  }

  @Get('members/:memberId/obligations')
  @ApiOkResponse({ description: "A member's obligations (their own, or a manager of their unit), this week's study shown open until it is met" })
  forMember(@CurrentPrincipal() principal: Principal, @Param('memberId') memberId: string, @Query() query: ObligationQueryDto): Promise<ShownObligation[]> {
    return this.views.forMember(principal, memberId, query);
  }

  @Post('obligations/evaluate')
  @HttpCode(204)
  @Roles('district-admin', 'operator')
  @ApiNoContentResponse({ description: "Runs the periodic evaluation now for the caller's district" })
  async evaluate(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.evaluator.runOnce(principal.district);
  }
}
