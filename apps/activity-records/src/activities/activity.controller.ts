import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { ActivityListQueryDto, CancelActivityDto, HoldActivityDto, ScheduleActivityDto } from './activity.dto';
import { Activity } from './activity.schema';
import { ActivityService } from './activity.service';
import { ShowNames } from '../responses/show-names.decorator';

const ACTIVITY_NAMES = { organiserUnitId: 'unit', carrierId: 'carrier', invitedUnitIds: 'unit' } as const;

@ApiTags('activities')
@ApiBearerAuth()
@Roles('district-admin', 'unit-admin')
@Controller('activities')
export class ActivityController {
  constructor(private readonly activities: ActivityService) {}

  @Post()
  @ApiCreatedResponse({ description: 'Scheduled; emits activity.activity.scheduled' })
  @ApiConflictResponse({ description: "The campaign's stage does not allow this kind of activity" })
  @ShowNames(ACTIVITY_NAMES)
  schedule(@CurrentPrincipal() principal: Principal, @Body() dto: ScheduleActivityDto): Promise<Activity> {
    return this.activities.schedule(principal, dto);
  }

  @Get()
  @ApiOkResponse({ description: 'Activities organised in a unit subtree' })
  @ShowNames(ACTIVITY_NAMES)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ActivityListQueryDto): Promise<Activity[]> {
    return this.activities.list(principal, query);
  }

  @Get(':activityId')
  @ApiOkResponse()
  @ShowNames(ACTIVITY_NAMES)
  get(@CurrentPrincipal() principal: Principal, @Param('activityId') activityId: string): Promise<Activity> {
    return this.activities.get(principal, activityId);
  }

  @Post(':activityId/hold')
  @ApiOkResponse({ description: 'Held, with its minutes; emits activity.activity.held' })
  @ShowNames(ACTIVITY_NAMES)
  hold(@CurrentPrincipal() principal: Principal, @Param('activityId') activityId: string, @Body() dto: HoldActivityDto): Promise<Activity> {
    return this.activities.hold(principal, activityId, dto);
  }

  @Post(':activityId/cancel')
  @ApiOkResponse({ description: 'Cancelled; emits activity.activity.cancelled' })
  @ShowNames(ACTIVITY_NAMES)
  cancel(@CurrentPrincipal() principal: Principal, @Param('activityId') activityId: string, @Body() dto: CancelActivityDto): Promise<Activity> {
    return this.activities.cancel(principal, activityId, dto);
  }
}
