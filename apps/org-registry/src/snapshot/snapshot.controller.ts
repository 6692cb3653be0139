import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { CursorQuery } from '../common/paging.dto';
import { SnapshotService } from './snapshot.service';

@ApiTags('snapshot')
@ApiBearerAuth()
@Roles('operator', 'district-admin')
@Controller('snapshot')
export class SnapshotController {
  constructor(private readonly snapshots: SnapshotService) {}

  @Get('units')
  @ApiOkResponse({ description: 'unit snapshots (as in UnitCreated/Updated), paged by id: pass nextAfter as after' })
  unitSnapshots(@CurrentPrincipal() principal: Principal, @Query() query: CursorQuery) {
    return this.snapshots.unitSnapshots(principal.district, query);
  }

  @Get('members')
  @ApiOkResponse({ description: 'member snapshots (as in MemberEnrolled/Updated), paged by id' })
  memberSnapshots(@CurrentPrincipal() principal: Principal, @Query() query: CursorQuery) {
    return this.snapshots.memberSnapshots(principal.district, query);
  }

  @Get('systems')
  @ApiOkResponse({ description: 'SystemChanged payloads, paged by id' })
  systemSnapshots(@CurrentPrincipal() principal: Principal, @Query() query: CursorQuery) {
    return this.snapshots.systemSnapshots(principal.district, query);
  }

  @Get('leading-groups')
  @ApiOkResponse({ description: 'LeadingGroupChanged payloads, paged by id' })
  leadingGroupSnapshots(@CurrentPrincipal() principal: Principal, @Query() query: CursorQuery) {
    return this.snapshots.leadingGroupSnapshots(principal.district, query);
  }
}
