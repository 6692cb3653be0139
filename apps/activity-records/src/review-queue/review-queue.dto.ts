import { TextField } from '@campaign/service-kit';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export const REVIEW_ITEM_TYPES = ['submission', 'target', 'plan'] as const;
export type ReviewItemType = (typeof REVIEW_ITEM_TYPES)[number];

export class ReviewQueueQueryDto {
  @TextField('code', { required: false }) campaignId?: string;
  @TextField('code', { required: false, description: 'Only what waits in this unit subtree (one the caller manages)' }) unitId?: string;
  @ApiPropertyOptional({ enum: REVIEW_ITEM_TYPES }) @IsOptional() @IsIn(REVIEW_ITEM_TYPES) type?: ReviewItemType;
  @ApiPropertyOptional({ default: 1, minimum: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
}
