import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

export class LiveScoresQueryDto {
  @ApiPropertyOptional({ description: 'Only changes of this campaign.' })
  @IsOptional()
  @IsString()
  campaignId?: string;
}
