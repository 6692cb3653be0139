import { TextField } from '@campaign/service-kit';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class LogStudyDto {
  @ApiProperty({ example: '2026-11-20' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { context: { format: 'YYYY-MM-DD' } }) studiedOn: string;
  @ApiProperty({ example: '学习党的十七届五中全会精神' }) @IsString() @IsNotEmpty() @MaxLength(500) topic: string;
  @ApiProperty({ example: 2 }) @IsNumber() @Min(0.1) @Max(24) hours: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20_000) notes?: string;
  @TextField('code', { required: false, description: 'The campaign the study belongs to, if any' }) campaignId?: string;
}
