import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@campaign/auth';
import { ownMemberId } from '../preferences/preferences.controller';
import { InboxItemView, InboxQueryDto, UnreadCountView } from './inbox.dto';
import { InboxService } from './inbox.service';

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('me/inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOkResponse({ type: [InboxItemView] })
  list(@CurrentPrincipal() principal: Principal, @Query() query: InboxQueryDto): Promise<InboxItemView[]> {
    return this.inbox.list(principal.district, ownMemberId(principal), query);
  }

  @Get('unread-count')
  @ApiOkResponse({ type: UnreadCountView })
  async unreadCount(@CurrentPrincipal() principal: Principal): Promise<UnreadCountView> {
    return { unread: await this.inbox.unreadCount(principal.district, ownMemberId(principal)) };
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOkResponse({ type: UnreadCountView, description: 'how many were marked read' })
  async markAllRead(@CurrentPrincipal() principal: Principal): Promise<{ marked: number }> {
    return { marked: await this.inbox.markAllRead(principal.district, ownMemberId(principal)) };
  }

  @Post(':notificationId/read')
  @HttpCode(200)
  @ApiOkResponse({ type: InboxItemView })
  @ApiNotFoundResponse({ description: 'no such message in the district' })
  @ApiForbiddenResponse({ description: 'the message is in another member’s inbox' })
  markRead(@CurrentPrincipal() principal: Principal, @Param('notificationId') notificationId: string): Promise<InboxItemView> {
    return this.inbox.markRead(principal.district, ownMemberId(principal), notificationId);
  }
}
