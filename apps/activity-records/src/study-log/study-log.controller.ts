import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@campaign/auth';
import { LogStudyDto } from './study-log.dto';
import { StudyEntry } from './study-entry.schema';
import { StudyLogService } from './study-log.service';
import { ShowNames } from '../responses/show-names.decorator';

const ENTRY_NAMES = { memberId: 'member', memberUnitId: 'unit' } as const;

@ApiTags('study record book')
@ApiBearerAuth()
@Controller('members/:memberId/study-log')
export class StudyLogController {
  constructor(private readonly studyLog: StudyLogService) {}

  @Post()
  @ApiCreatedResponse({ description: 'An entry by the member or a manager of their unit; emits activity.study.logged' })
  @ShowNames(ENTRY_NAMES)
  log(@CurrentPrincipal() principal: Principal, @Param('memberId') memberId: string, @Body() dto: LogStudyDto): Promise<StudyEntry> {
    return this.studyLog.log(principal, memberId, dto);
  }

  @Get()
  @ApiOkResponse({ description: "The member's record book, newest first" })
  @ShowNames(ENTRY_NAMES)
  list(@CurrentPrincipal() principal: Principal, @Param('memberId') memberId: string): Promise<StudyEntry[]> {
    return this.studyLog.list(principal, memberId);
  }
}
