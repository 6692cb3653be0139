import { TextField } from '@campaign/service-kit';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { OBLIGATION_KINDS, OBLIGATION_STATUSES } from '@campaign/contracts';
import { ObligationKind, ObligationStatus } from './obligation.schema';

export class ObligationQueryDto {
  @TextField('code', { required: false }) campaignId?: string;
  @ApiPropertyOptional({ enum: OBLIGATION_KINDS }) @IsOptional() @IsIn(OBLIGATION_KINDS) kind?: ObligationKind;
  @ApiPropertyOptional({ enum: OBLIGATION_STATUSES }) @IsOptional() @IsIn(OBLIGATION_STATUSES) status?: ObligationStatus;
}
