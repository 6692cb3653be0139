import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { CampaignQueryDto, DraftPlanDto, ReturnPlanDto, UpdatePlanDto } from './plan.dto';
import { Plan } from './plan.schema';
import { ChildPlanStatus, PlanService } from './plan.service';
import { ShowNames } from '../responses/show-names.decorator';

const PLAN_NAMES = { unitId: 'unit', parentUnitId: 'unit' } as const;

@ApiTags('plans')
@ApiBearerAuth()
@Roles('district-admin', 'unit-admin')
@Controller()
export class PlanController {
  constructor(private readonly plans: PlanService) {}

  @Post('plans')
  @ApiCreatedResponse({ description: "A draft of the unit's implementation plan" })
  @ApiConflictResponse({ description: 'The unit already has a plan for the campaign, or the stage does not allow planning' })
  @ShowNames(PLAN_NAMES)
  draft(@CurrentPrincipal() principal: Principal, @Body() dto: DraftPlanDto): Promise<Plan> {
    return this.plans.draft(principal, dto);
  }

  @Get('plans/:planId')
  @ApiOkResponse()
  @ShowNames(PLAN_NAMES)
  get(@CurrentPrincipal() principal: Principal, @Param('planId') planId: string): Promise<Plan> {
    return this.plans.get(principal, planId);
  }

  @Patch('plans/:planId')
  @ApiOkResponse({ description: 'Edits a draft or returned plan' })
  @ShowNames(PLAN_NAMES)
  update(@CurrentPrincipal() principal: Principal, @Param('planId') planId: string, @Body() dto: UpdatePlanDto): Promise<Plan> {
    return this.plans.update(principal, planId, dto);
  }

  @Post('plans/:planId/submit')
  @ApiOkResponse({ description: 'Submitted to the parent unit; emits activity.plan.submitted' })
  @ShowNames(PLAN_NAMES)
  submit(@CurrentPrincipal() principal: Principal, @Param('planId') planId: string): Promise<Plan> {
    return this.plans.submit(principal, planId);
  }

  @Post('plans/:planId/approve')
  @ApiOkResponse({ description: 'Approved by a manager of the parent unit; emits activity.plan.approved' })
  @ApiForbiddenResponse({ description: 'The caller does not manage the parent unit' })
  @ShowNames(PLAN_NAMES)
  approve(@CurrentPrincipal() principal: Principal, @Param('planId') planId: string): Promise<Plan> {
    return this.plans.approve(principal, planId);
  }

  @Post('plans/:planId/return')
  @ApiOkResponse({ description: 'Returned with a comment; emits activity.plan.returned' })
  @ShowNames(PLAN_NAMES)
  return(@CurrentPrincipal() principal: Principal, @Param('planId') planId: string, @Body() dto: ReturnPlanDto): Promise<Plan> {
    return this.plans.return(principal, planId, dto);
  }

  @Get('units/:unitId/plan')
  @ApiOkResponse({ description: "The unit's own implementation plan for the campaign (404 while it has none)" })
  ofUnit(@CurrentPrincipal() principal: Principal, @Param('unitId') unitId: string, @Query() query: CampaignQueryDto): Promise<Plan> {
    return this.plans.ofUnit(principal, unitId, query.campaignId);
  }

  @Get('units/:unitId/plans/children')
  @ApiOkResponse({ description: 'Each child unit with its plan status and whether it is overdue' })
  children(@CurrentPrincipal() principal: Principal, @Param('unitId') unitId: string, @Query() query: CampaignQueryDto): Promise<ChildPlanStatus[]> {
    return this.plans.childrenStatus(principal, unitId, query.campaignId);
  }

  @Get('units/:unitId/plans/overdue')
  @ApiOkResponse({ description: 'The child units whose plan is overdue' })
  overdue(@CurrentPrincipal() principal: Principal, @Param('unitId') unitId: string, @Query() query: CampaignQueryDto): Promise<ChildPlanStatus[]> {
    return this.plans.overdueChildren(principal, unitId, query.campaignId);
  }
}
