import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { NOTIFICATION_KINDS, NotificationKind } from './notification.schema';
import { PageLimit, PageSkip } from '../common/paging';

export class InboxQueryDto {
  @ApiPropertyOptional({ description: 'only unread messages' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;

  @PageLimit()
  limit?: number;

  @PageSkip()
  skip?: number;
}

export class InboxItemView {
  @ApiProperty() notificationId!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind!: NotificationKind;
  @ApiProperty() ruleId!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty() locale!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true }) readAt!: Date | null;
}

export class UnreadCountView {
  @ApiProperty() unread!: number;
}
