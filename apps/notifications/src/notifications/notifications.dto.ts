import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { NOTIFICATION_KINDS, NotificationKind } from './notification.schema';
import { PageLimit, PageSkip } from '../common/paging';

export class NotificationsQueryDto {
  @ApiPropertyOptional({ description: 'only those of this rule, e.g. ranking-published' })
  @IsOptional()
  @IsString()
  ruleId?: string;

  @ApiPropertyOptional({ description: 'only those caused by this event (or reminder, or digest period)' })
  @IsOptional()
  @IsString()
  sourceEventId?: string;

  @ApiPropertyOptional({ description: 'only those to this member (a member may name only themselves)' })
  @IsOptional()
  @IsString()
  recipientMemberId?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS })
  @IsOptional()
  @IsIn(NOTIFICATION_KINDS)
  kind?: NotificationKind;

  @PageLimit()
  limit?: number;

  @PageSkip()
  skip?: number;
}

export class RecipientView {
  @ApiProperty() memberId!: string;
  @ApiProperty({ nullable: true }) name!: string | null;
  @ApiProperty({ nullable: true }) unitId!: string | null;
  @ApiProperty({ nullable: true }) unitName!: string | null;
}

export class ChannelStateView {
  @ApiProperty({ enum: ['inbox', 'digest', 'email', 'webhook'] }) channel!: string;
  @ApiProperty({ enum: ['delivered', 'read', 'awaiting', 'queued', 'deferred', 'sending', 'sent', 'failed', 'dead'] }) status!: string;
  @ApiProperty({ description: 'the state in words, in the caller’s language' }) label!: string;
  @ApiPropertyOptional({ description: 'when it was sent or read' }) at?: string;
  @ApiPropertyOptional({ description: 'deferred by quiet hours until' }) until?: string;
  @ApiPropertyOptional() nextAttemptAt?: string;
  @ApiPropertyOptional() attempts?: number;
  @ApiPropertyOptional({ nullable: true, description: 'why the last attempt failed' }) reason?: string | null;
}

export class SentNotificationView {
  @ApiProperty() notificationId!: string;
  @ApiProperty() ruleId!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind!: NotificationKind;
  @ApiProperty() sourceEventId!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: RecipientView }) recipient!: RecipientView;
  @ApiProperty() locale!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: [ChannelStateView] }) channels!: ChannelStateView[];
}

export class SentNotificationsPage {
  @ApiProperty({ type: [SentNotificationView] }) items!: SentNotificationView[];
  @ApiProperty() total!: number;
}
