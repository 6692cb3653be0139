import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { NamesService } from '../common/names.service';
import { GrantUnitAdminDto, RevokeUnitAdminQuery, UnitAdminsQuery } from './unit-admin.dto';
import { UnitAdminGrantDocument } from './unit-admin-grant.schema';
import { UnitAdminsService } from './unit-admins.service';

@ApiTags('unit-admins')
@ApiBearerAuth()
@Controller('units/:unitId/admins')
export class UnitAdminsController {
  constructor(
    private readonly unitAdmins: UnitAdminsService,
    private readonly names: NamesService,
  ) {}

  private async views(district: string, grants: UnitAdminGrantDocument[]) {
    const [units, members] = await Promise.all([this.names.units(district, grants.map((g) => g.unitId)), this.names.members(district, grants.map((g) => g.memberId))]);
    return grants.map(({ _id, unitId, memberId, active, tenures, revision }) => ({
      grantId: _id,
      unitId,
      unitName: units.get(unitId) ?? null,
      memberId,
      memberName: members.get(memberId) ?? null,
      active,
      tenures,
      revision,
    }));
  }

  @Get()
  @Roles('district-admin', 'unit-admin', 'operator')
  @ApiOkResponse({ description: 'who administers the unit (with `all=true` also former admins), with names' })
  async list(@CurrentPrincipal() principal: Principal, @Param('unitId') unitId: string, @Query() query: UnitAdminsQuery) {
    return this.views(principal.district, await this.unitAdmins.list(principal, unitId, query.all));
  }

  @Post()
  @Roles('district-admin')
  @ApiCreatedResponse({ description: 'the grant; the member holds the role unit-admin of the unit from now (MemberUpdated)' })
  @ApiConflictResponse({ description: 'the member already administers the unit, or is not active' })
  async grant(@CurrentPrincipal() principal: Principal, @Param('unitId') unitId: string, @Body() body: GrantUnitAdminDto) {
    const [view] = await this.views(principal.district, [await this.unitAdmins.grant(principal, unitId, body.memberId, body.from)]);
    return view;
  }

  @Delete(':memberId')
  @Roles('district-admin')
  @ApiOkResponse({ description: 'the revoked grant with its tenure ended; the member loses the role' })
  @ApiNotFoundResponse({ description: 'the member does not administer the unit' })
  async revoke(@CurrentPrincipal() principal: Principal, @Param('unitId') unitId: string, @Param('memberId') memberId: string, @Query() query: RevokeUnitAdminQuery) {
    const [view] = await this.views(principal.district, [await this.unitAdmins.revoke(principal, unitId, memberId, query.to)]);
    return view;
  }
}
