import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { AssignTargetsDto, ReviewTargetDto, TargetProgressDto } from './target.dto';
import { Target } from './target.schema';
import { AssignOutcome, TargetService } from './target.service';
import { ShowNames } from '../responses/show-names.decorator';

const TARGET_NAMES = { memberId: 'member', memberUnitId: 'unit' } as const;

@ApiTags('targets')
@ApiBearerAuth()
@Controller()
export class TargetController {
  constructor(private readonly targets: TargetService) {}

  @Post('targets/bulk')
  @Roles('district-admin', 'unit-admin')
  @ApiCreatedResponse({ description: 'Assigns one target to every member the filter selects; emits activity.target.set per new target' })
  assign(@CurrentPrincipal() principal: Principal, @Body() dto: AssignTargetsDto): Promise<AssignOutcome> {
    return this.targets.assign(principal, dto);
  }

  @Put('targets/:targetId/progress')
  @Roles('member')
  @ApiOkResponse({ description: 'The member reports progress; emits activity.target.progressed' })
  @ShowNames(TARGET_NAMES)
  progress(@CurrentPrincipal() principal: Principal, @Param('targetId') targetId: string, @Body() dto: TargetProgressDto): Promise<Target> {
    return this.targets.progress(principal, targetId, dto);
  }

  @Post('targets/:targetId/complete')
  @Roles('member')
  @ApiOkResponse({ description: 'The member reports the target done, pending review' })
  @ShowNames(TARGET_NAMES)
  complete(@CurrentPrincipal() principal: Principal, @Param('targetId') targetId: string): Promise<Target> {
    return this.targets.requestCompletion(principal, targetId);
  }

  @Post('targets/:targetId/review')
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: 'Approved (emits activity.target.completed) or returned with a comment' })
  @ShowNames(TARGET_NAMES)
  review(@CurrentPrincipal() principal: Principal, @Param('targetId') targetId: string, @Body() dto: ReviewTargetDto): Promise<Target> {
    return this.targets.review(principal, targetId, dto);
  }

  @Get('members/:memberId/targets')
  @ApiOkResponse({ description: "A member's targets" })
  @ShowNames(TARGET_NAMES)
  forMember(@CurrentPrincipal() principal: Principal, @Param('memberId') memberId: string): Promise<Target[]> {
    return this.targets.forMember(principal, memberId);
  }
}
