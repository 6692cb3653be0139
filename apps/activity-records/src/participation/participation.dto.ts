import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString } from 'class-validator';

export class ParticipationQueryDto {
  @ApiProperty() @IsString() @IsNotEmpty() campaignId: string;
}
