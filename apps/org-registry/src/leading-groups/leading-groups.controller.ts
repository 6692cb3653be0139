import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { NamesService } from '../common/names.service';
import { AddSeatDto, CreateLeadingGroupDto, ReplaceSeatsDto, SeatChangeQuery } from './leading-group.dto';
import { LeadingGroupDocument } from './leading-group.schema';
import { LeadingGroupsService } from './leading-groups.service';

@ApiTags('leading-groups')
@ApiBearerAuth()
@Controller()
export class LeadingGroupsController {
  constructor(
    private readonly groups: LeadingGroupsService,
    private readonly names: NamesService,
  ) {}

  /** Groups with the names of their units and seated members beside the ids. */
  private async views(district: string, groups: LeadingGroupDocument[]) {
    const [units, members] = await Promise.all([
      this.names.units(district, groups.map((group) => group.unitId)),
      this.names.members(district, groups.flatMap((group) => group.members.map((seat) => seat.memberId))),
    ]);
    return groups.map(({ _id, unitId, name, kind, members: seats, revision }) => ({
      groupId: _id,
      unitId,
      unitName: units.get(unitId) ?? null,
      name,
      kind,
      members: seats.map((seat) => ({ ...seat, memberName: members.get(seat.memberId) ?? null })),
      revision,
    }));
  }

  private async one(district: string, group: LeadingGroupDocument) {
    return (await this.views(district, [group]))[0];
  }

  @Post('units/:unitId/leading-groups')
  @Roles('district-admin', 'unit-admin')
  @ApiCreatedResponse({ description: 'a leading group (活动领导小组) or working body of the unit; its seats begin on effectiveAt' })
  async create(@CurrentPrincipal() principal: Principal, @Param('unitId') unitId: string, @Body() body: CreateLeadingGroupDto) {
    return this.one(principal.district, await this.groups.create(principal, unitId, body));
  }

  @Get('units/:unitId/leading-groups')
  @Roles('district-admin', 'unit-admin', 'operator')
  async listForUnit(@CurrentPrincipal() principal: Principal, @Param('unitId') unitId: string) {
    return this.views(principal.district, await this.groups.listForUnit(principal, unitId));
  }

  @Get('leading-groups/:id')
  @Roles('district-admin', 'unit-admin', 'operator')
  @ApiNotFoundResponse({ description: 'no such group in the caller’s district' })
  @ApiForbiddenResponse({ description: 'the group’s unit is outside the caller’s subtrees' })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.one(principal.district, await this.groups.get(principal, id));
  }

  @Get('leading-groups/:id/history')
  @Roles('district-admin', 'unit-admin', 'operator')
  @ApiOkResponse({ description: 'who held which seat of the group when, and who changed it; from is null for a seat held before history was kept' })
  async history(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const group = await this.groups.get(principal, id);
    const [view] = await this.views(principal.district, [group]);
    const tenures = group.seatHistory ?? [];
    const members = await this.names.members(principal.district, tenures.map((tenure) => tenure.memberId));
    return {
      groupId: view.groupId,
      name: view.name,
      unitId: view.unitId,
      unitName: view.unitName,
      tenures: tenures.map((tenure) => ({ ...tenure, memberName: members.get(tenure.memberId) ?? null })),
    };
  }

  @Get('members/:memberId/seats')
  @ApiOkResponse({ description: 'the member’s leading-group seats over time, in every group; members read their own' })
  async seatsOf(@CurrentPrincipal() principal: Principal, @Param('memberId') memberId: string) {
    const seats = await this.groups.seatsOf(principal, memberId);
    const units = await this.names.units(principal.district, seats.map((seat) => seat.group.unitId));
    return seats.map(({ group, ...tenure }) => ({ groupId: group._id, groupName: group.name, unitId: group.unitId, unitName: units.get(group.unitId) ?? null, ...tenure }));
  }

  @Put('leading-groups/:id/members')
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: 'the group with exactly these seats; seats that end or begin are recorded on effectiveAt' })
  async replaceSeats(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: ReplaceSeatsDto) {
    return this.one(principal.district, await this.groups.replaceSeats(principal, id, body.members, body.effectiveAt));
  }

  @Post('leading-groups/:id/members')
  @HttpCode(200)
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: 'the group with the seat added or its role changed' })
  async addSeat(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: AddSeatDto) {
    return this.one(principal.district, await this.groups.addSeat(principal, id, { memberId: body.memberId, role: body.role }, body.effectiveAt));
  }

  @Delete('leading-groups/:id/members/:memberId')
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: 'the group without the member’s seat; the seat ends on effectiveAt' })
  @ApiNotFoundResponse({ description: 'the member holds no seat in the group' })
  async removeSeat(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Param('memberId') memberId: string, @Query() query: SeatChangeQuery) {
    return this.one(principal.district, await this.groups.removeSeat(principal, id, memberId, query.effectiveAt));
  }
}
