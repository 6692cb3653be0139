import { Body, Controller, Get, HttpCode, NotFoundException, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { memberSnapshotOf, fieldsOf } from './member-changes';
import { EnrolMemberDto, LeaveMemberDto, MemberQuery, TransferMemberDto, UpdateMemberDto } from './member.dto';
import { MemberDocument } from './member.schema';
import { MembersService } from './members.service';

export function memberView(member: MemberDocument) {
  return {
    ...memberSnapshotOf({ ...fieldsOf(member), _id: member._id, revision: member.revision }),
    ...(member.userName ? { userName: member.userName } : {}),
    unitSince: member.unitSince,
    history: member.history ?? [],
    ...(member.directory ? { directory: member.directory } : {}),
    ...(member.awaitingPlacement ? { awaitingPlacement: member.awaitingPlacement } : {}),
    ...(member.directoryDeletion ? { directoryDeletion: member.directoryDeletion } : {}),
  };
}

@ApiTags('members')
@ApiBearerAuth()
@Controller('members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Post()
  @Roles('district-admin', 'unit-admin')
  @ApiCreatedResponse({ description: 'the enrolled member' })
  async enrol(@CurrentPrincipal() principal: Principal, @Body() body: EnrolMemberDto) {
    return memberView(await this.members.enrol(principal, body));
  }

  @Get()
  @ApiOkResponse({ description: 'members in the caller’s scope, by subtree, name, post, status; a member sees only themselves' })
  async search(@CurrentPrincipal() principal: Principal, @Query() query: MemberQuery) {
    const page = await this.members.search(principal, query);
    return { ...page, items: page.items.map(memberView) };
  }

  @Get('me')
  @ApiOkResponse({ description: 'the caller’s own member record' })
  async me(@CurrentPrincipal() principal: Principal) {
    if (!principal.memberId) throw new NotFoundException('the token names no member');
    return memberView(await this.members.visibleMember(principal, principal.memberId));
  }

  @Get(':id')
  @ApiNotFoundResponse({ description: 'no such member in the caller’s scope' })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return memberView(await this.members.visibleMember(principal, id));
  }

  @Patch(':id')
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: 'the member after the change (no event when nothing changed)' })
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: UpdateMemberDto) {
    return memberView(await this.members.update(principal, id, body));
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: 'the member in the new unit; the old placement is kept in history' })
  async transfer(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: TransferMemberDto) {
    return memberView(await this.members.transfer(principal, id, body.toUnitId, body.effectiveAt));
  }

  @Post(':id/leave')
  @HttpCode(200)
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: 'the member marked transferred out, retired or left (never deleted)' })
  async leave(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: LeaveMemberDto) {
    return memberView(await this.members.leave(principal, id, body));
  }
}
