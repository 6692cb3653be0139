import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { ExpensiveEndpoint } from '@campaign/service-kit';
import { AttendanceStatusDto, BulkAttendanceDto, CheckInImportDto, WeekQueryDto } from './attendance.dto';
import { Attendance } from './attendance.schema';
import { AttendanceService, RecordOutcome } from './attendance.service';
import { CheckInImportReport, CheckInImportService } from './check-in-import.service';
import { WeeklyStudyAbsentees, WeeklyStudyProgressService } from './weekly-study-progress.service';
import { ShowNames } from '../responses/show-names.decorator';

const ATTENDANCE_NAMES = { memberId: 'member', memberUnitId: 'unit', organiserUnitId: 'unit' } as const;

@ApiTags('attendance')
@ApiBearerAuth()
@Controller()
export class AttendanceController {
  constructor(
    private readonly attendance: AttendanceService,
    private readonly imports: CheckInImportService,
    private readonly weeklyStudy: WeeklyStudyProgressService,
  ) {}

  @Put('activities/:activityId/attendance/:memberId')
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: 'Recorded or corrected in place (revision + 1); emits activity.attendance.recorded when it changed' })
  @ApiBadRequestResponse({ description: 'The member may not be recorded for this activity' })
  @ShowNames(ATTENDANCE_NAMES)
  recordOne(
    @CurrentPrincipal() principal: Principal,
    @Param('activityId') activityId: string,
    @Param('memberId') memberId: string,
    @Body() dto: AttendanceStatusDto,
  ): Promise<Attendance> {
    return this.attendance.recordOne(principal, activityId, { memberId, status: dto.status });
  }

  @Post('activities/:activityId/attendance/bulk')
  @Roles('district-admin', 'unit-admin')
  @ApiCreatedResponse({ description: 'How many rows were recorded and how many repeated what was already recorded' })
  @ApiBadRequestResponse({ description: 'Lists every bad row with its index and reason; nothing was written' })
  recordBulk(@CurrentPrincipal() principal: Principal, @Param('activityId') activityId: string, @Body() dto: BulkAttendanceDto): Promise<RecordOutcome> {
    return this.attendance.recordBulk(principal, activityId, dto.rows);
  }

  @Post('activities/:activityId/attendance/import')
  @ExpensiveEndpoint()
  @Roles('district-admin', 'unit-admin')
  @ApiCreatedResponse({ description: 'Recorded rows and a report of unmatched, out-of-window and duplicate rows' })
  @ApiBadRequestResponse({ description: 'Unreadable CSV, or matched rows that may not be recorded (by line); nothing was written' })
  importCheckIns(@CurrentPrincipal() principal: Principal, @Param('activityId') activityId: string, @Body() dto: CheckInImportDto): Promise<CheckInImportReport> {
    return this.imports.import(principal, activityId, dto.csv);
  }

  @Post('activities/:activityId/check-in')
  @Roles('member')
  @ApiCreatedResponse({ description: 'The calling member is recorded present' })
  @ApiConflictResponse({ description: 'Outside the check-in window, or the activity was cancelled' })
  @ApiForbiddenResponse({ description: 'The member is not in the organiser subtree or an invited unit' })
  @ShowNames(ATTENDANCE_NAMES)
  checkIn(@CurrentPrincipal() principal: Principal, @Param('activityId') activityId: string): Promise<Attendance> {
    return this.attendance.checkIn(principal, activityId);
  }

  @Get('activities/:activityId/attendance')
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: "The activity's attendance records" })
  @ShowNames(ATTENDANCE_NAMES)
  list(@CurrentPrincipal() principal: Principal, @Param('activityId') activityId: string): Promise<Attendance[]> {
    return this.attendance.list(principal, activityId);
  }

  @Get('units/:unitId/weekly-study/absentees')
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: "Members of the unit who were not present at any of the week's collective studies" })
  absentees(@CurrentPrincipal() principal: Principal, @Param('unitId') unitId: string, @Query() query: WeekQueryDto): Promise<WeeklyStudyAbsentees> {
    return this.weeklyStudy.absentees(principal, unitId, query.date);
  }
}
