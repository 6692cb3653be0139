import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { GroupSeatDto } from '../systems/system.dto';
import { CreateLeadingGroupDto, ReplaceSeatsDto } from './leading-group.dto';
import { LeadingGroupDocument } from './leading-group.schema';
import { LeadingGroupsService } from './leading-groups.service';

function view({ _id, unitId, name, kind, members, revision }: LeadingGroupDocument) {
  return { groupId: _id, unitId, name, kind, members, revision };
}

@ApiTags('leading-groups')
@ApiBearerAuth()
@Controller()
export class LeadingGroupsController {
  constructor(private readonly groups: LeadingGroupsService) {}

  @Post('units/:unitId/leading-groups')
  @Roles('district-admin', 'unit-admin')
  @ApiCreatedResponse({ description: 'a leading group (活动领导小组) or working body of the unit' })
  async create(@CurrentPrincipal() principal: Principal, @Param('unitId') unitId: string, @Body() body: CreateLeadingGroupDto) {
    return view(await this.groups.create(principal, unitId, body));
  }

  @Get('units/:unitId/leading-groups')
  @Roles('district-admin', 'unit-admin', 'operator')
  async listForUnit(@CurrentPrincipal() principal: Principal, @Param('unitId') unitId: string) {
    return (await this.groups.listForUnit(principal, unitId)).map(view);
  }

  @Get('leading-groups/:id')
  @Roles('district-admin', 'unit-admin', 'operator')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return view(await this.groups.get(principal, id));
  }

  @Put('leading-groups/:id/members')
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: 'the group with exactly these seats' })
  async replaceSeats(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: ReplaceSeatsDto) {
    return view(await this.groups.replaceSeats(principal, id, body.members));
  }

  @Post('leading-groups/:id/members')
  @HttpCode(200)
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: 'the group with the seat added or its role changed' })
  async addSeat(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: GroupSeatDto) {
    return view(await this.groups.addSeat(principal, id, body));
  }
}
