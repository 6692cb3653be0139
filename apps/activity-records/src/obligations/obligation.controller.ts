import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { AccessService } from '../access/access.service';
import { ObligationQueryDto } from './obligation.dto';
import { ObligationEvaluator } from './obligation-evaluator';
import { Obligation } from './obligation.schema';
import { ObligationService } from './obligation.service';

@ApiTags('obligations')
@ApiBearerAuth()
@Controller()
export class ObligationController {
  constructor(
    private readonly obligations: ObligationService,
    private readonly evaluator: ObligationEvaluator,
    private readonly access: AccessService,
  ) {}

  @Get('units/:unitId/obligations')
  @ApiOkResponse({ description: "Compliance view: the unit's and its subtree's obligations, members' included" })
  async forUnit(@CurrentPrincipal() principal: Principal, @Param('unitId') unitId: string, @Query() query: ObligationQueryDto): Promise<Obligation[]> {
    await this.access.managedUnit(principal, unitId);
    return this.obligations.forUnit(principal.district, unitId, query);
  }

  @Get('members/:memberId/obligations')
  @ApiOkResponse({ description: "A member's obligations (their own, or a manager of their unit)" })
  async forMember(@CurrentPrincipal() principal: Principal, @Param('memberId') memberId: string, @Query() query: ObligationQueryDto): Promise<Obligation[]> {
    await this.access.visibleMember(principal, memberId);
    return this.obligations.forMember(principal.district, memberId, query);
  }

  @Post('obligations/evaluate')
  @HttpCode(204)
  @Roles('district-admin', 'operator')
  @ApiNoContentResponse({ description: "Runs the periodic evaluation now for the caller's district" })
  async evaluate(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.evaluator.runOnce(principal.district);
  }
}
