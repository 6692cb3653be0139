import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@campaign/auth';
import { NotificationsQueryDto, SentNotificationsPage, SentNotificationView } from './notifications.dto';
import { SentNotificationsService } from './sent-notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly sent: SentNotificationsService) {}

  @Get()
  @ApiOkResponse({
    type: SentNotificationsPage,
    description: 'who was notified of what, newest first, each with its recipient (name, unit), rule and the status of every channel; district admins and operators see all of the district, a member their own',
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: NotificationsQueryDto): Promise<SentNotificationsPage> {
    return this.sent.list(principal, query);
  }

  @Get(':notificationId')
  @ApiOkResponse({ type: SentNotificationView })
  @ApiNotFoundResponse({ description: 'no such notification in the caller’s district' })
  @ApiForbiddenResponse({ description: 'the notification is addressed to another member' })
  get(@CurrentPrincipal() principal: Principal, @Param('notificationId') notificationId: string): Promise<SentNotificationView> {
    return this.sent.get(principal, notificationId);
  }
}
