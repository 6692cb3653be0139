import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { ExpensiveEndpoint } from '@campaign/service-kit';
import { NamesService } from '../common/names.service';
import { forbidden } from '../i18n/problems';
import { memberSnapshotOf, fieldsOf } from './member-changes';
import { MemberRolesService } from './member-roles.service';
import { EnrolMemberDto, LeaveMemberDto, MemberQuery, TransferMemberDto, UpdateMemberDto } from './member.dto';
import { MemberDocument } from './member.schema';
import { MembersService } from './members.service';

/** A member with the names of the units it mentions beside their ids (null for those not in `unitNames`). */
export function memberView(member: MemberDocument, unitNames: ReadonlyMap<string, string> = new Map()) {
  const snapshot = memberSnapshotOf({ ...fieldsOf(member), _id: member._id, revision: member.revision, roles: member.roles ?? [] });
  const nameOf = (unitId: string) => unitNames.get(unitId) ?? null;
  return {
    ...snapshot,
    unitName: nameOf(member.unitId),
    roles: (snapshot.roles ?? []).map((role) => ({ ...role, unitName: nameOf(role.unitId) })),
    ...(member.userName ? { userName: member.userName } : {}),
    unitSince: member.unitSince,
    history: (member.history ?? []).map((placement) => ({ ...placement, unitName: nameOf(placement.unitId) })),
    ...(member.directory ? { directory: member.directory } : {}),
    ...(member.awaitingPlacement ? { awaitingPlacement: member.awaitingPlacement } : {}),
    ...(member.directoryDeletion ? { directoryDeletion: member.directoryDeletion } : {}),
  };
}

@ApiTags('members')
@ApiBearerAuth()
@Controller('members')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly memberRoles: MemberRolesService,
    private readonly names: NamesService,
  ) {}

  private async views(district: string, members: MemberDocument[]) {
    const unitIds = members.flatMap((member) => [member.unitId, ...(member.roles ?? []).map((role) => role.unitId), ...(member.history ?? []).map((p) => p.unitId)]);
    const unitNames = await this.names.units(district, unitIds);
    return members.map((member) => memberView(member, unitNames));
  }

  private async one(district: string, member: MemberDocument) {
    return (await this.views(district, [member]))[0];
  }

  @Post()
  @Roles('district-admin', 'unit-admin')
  @ApiCreatedResponse({ description: 'the enrolled member' })
  async enrol(@CurrentPrincipal() principal: Principal, @Body() body: EnrolMemberDto) {
    return this.one(principal.district, await this.members.enrol(principal, body));
  }

  @Get()
  @ApiOkResponse({ description: 'members in the caller’s scope, by subtree, name, post, status; a member sees only themselves' })
  async search(@CurrentPrincipal() principal: Principal, @Query() query: MemberQuery) {
    const page = await this.members.search(principal, query);
    return { ...page, items: await this.views(principal.district, page.items) };
  }

  @Post('resolve-roles')
  @ExpensiveEndpoint()
  @HttpCode(200)
  @Roles('district-admin')
  @ApiOkResponse({ description: 'resolves every member’s roles again from posts, leading-group seats and unit admin grants; announces those that changed' })
  async resolveRoles(@CurrentPrincipal() principal: Principal) {
    return { membersReannounced: await this.memberRoles.resolve(principal.district, 'all') };
  }

  @Get('me')
  @ApiOkResponse({ description: 'the caller’s own member record' })
  async me(@CurrentPrincipal() principal: Principal) {
    if (!principal.memberId) throw forbidden('member.token-names-no-member');
    return this.one(principal.district, await this.members.visibleMember(principal, principal.memberId));
  }

  @Get(':id')
  @ApiNotFoundResponse({ description: 'no such member in the caller’s district' })
  @ApiForbiddenResponse({ description: 'another member’s record, or a member outside the caller’s subtrees' })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.one(principal.district, await this.members.visibleMember(principal, id));
  }

  @Patch(':id')
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: 'the member after the change (no event when nothing changed)' })
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: UpdateMemberDto) {
    return this.one(principal.district, await this.members.update(principal, id, body));
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: 'the member in the new unit; the old placement is kept in history' })
  async transfer(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: TransferMemberDto) {
    return this.one(principal.district, await this.members.transfer(principal, id, body.toUnitId, body.effectiveAt));
  }

  @Post(':id/leave')
  @HttpCode(200)
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: 'the member marked transferred out, retired or left (never deleted)' })
  async leave(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: LeaveMemberDto) {
    return this.one(principal.district, await this.members.leave(principal, id, body));
  }
}
