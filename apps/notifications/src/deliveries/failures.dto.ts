import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Delivery, DeliveryAttempt, EXTERNAL_CHANNELS, ExternalChannel } from './delivery.schema';

export class FailuresQueryDto {
  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class FailureView {
  @ApiProperty() deliveryId!: string;
  @ApiProperty() notificationId!: string;
  @ApiProperty() recipientMemberId!: string;
  @ApiProperty({ enum: EXTERNAL_CHANNELS }) channel!: ExternalChannel;
  @ApiProperty() status!: string;
  @ApiProperty() attemptCount!: number;
  @ApiProperty({ nullable: true }) lastError!: string | null;
  @ApiProperty() replays!: number;
  @ApiProperty() attempts!: DeliveryAttempt[];
}

export function failureView(delivery: Delivery): FailureView {
  const { deliveryId, notificationId, recipientMemberId, channel, status, attemptCount, lastError, replays, attempts } = delivery;
  return { deliveryId, notificationId, recipientMemberId, channel, status, attemptCount, lastError, replays, attempts };
}
