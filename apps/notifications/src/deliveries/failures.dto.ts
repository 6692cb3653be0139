import { ApiProperty } from '@nestjs/swagger';
import { Delivery, EXTERNAL_CHANNELS, ExternalChannel } from './delivery.schema';
import { PageLimit } from '../common/paging';

export class FailuresQueryDto {
  @PageLimit()
  limit?: number;
}

export class AttemptView {
  @ApiProperty() at!: Date;
  @ApiProperty() ok!: boolean;
  @ApiProperty({ nullable: true }) error!: string | null;
}

export class FailureView {
  @ApiProperty() deliveryId!: string;
  @ApiProperty() notificationId!: string;
  @ApiProperty() recipientMemberId!: string;
  @ApiProperty({ nullable: true }) recipientName!: string | null;
  @ApiProperty({ enum: EXTERNAL_CHANNELS }) channel!: ExternalChannel;
  @ApiProperty() status!: string;
  @ApiProperty() attemptCount!: number;
  @ApiProperty({ nullable: true }) lastError!: string | null;
  @ApiProperty() replays!: number;
  @ApiProperty({ type: [AttemptView] }) attempts!: AttemptView[];
}

/** A dead-lettered delivery as operators see it: which replica made an attempt is the service's own business. */
export function failureView(delivery: Delivery, recipientName: string | null): FailureView {
  const { deliveryId, notificationId, recipientMemberId, channel, status, attemptCount, lastError, replays, attempts } = delivery;
  return {
    deliveryId,
    notificationId,
    recipientMemberId,
    recipientName,
    channel,
    status,
    attemptCount,
    lastError,
    replays,
    attempts: attempts.map(({ at, ok, error }) => ({ at, ok, error })),
  };
}
