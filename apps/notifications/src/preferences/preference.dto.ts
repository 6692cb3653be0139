import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Locale, LOCALES } from '../settings/district-settings.schema';
import { Channel, CHANNELS, DigestMode, DIGEST_MODES } from './preference.schema';

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

export class QuietHoursDto {
  @ApiProperty({ example: '22:00' })
  @Matches(CLOCK, { message: 'start must be HH:mm' })
  start!: string;

  @ApiProperty({ example: '07:00' })
  @Matches(CLOCK, { message: 'end must be HH:mm' })
  end!: string;
}

export class UpdatePreferencesDto {
  @ApiPropertyOptional({ enum: CHANNELS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(CHANNELS, { each: true })
  channels?: Channel[];

  @ApiPropertyOptional({ type: QuietHoursDto, nullable: true, description: 'null turns quiet hours off' })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto | null;

  @ApiPropertyOptional({ enum: DIGEST_MODES })
  @IsOptional()
  @IsIn(DIGEST_MODES)
  digest?: DigestMode;

  @ApiPropertyOptional({ minimum: 0, maximum: 23 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(23)
  digestHour?: number;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class PreferencesView {
  @ApiProperty({ enum: CHANNELS, isArray: true })
  channels!: Channel[];
  @ApiProperty({ type: QuietHoursDto, nullable: true })
  quietHours!: QuietHoursDto | null;
  @ApiProperty({ enum: DIGEST_MODES })
  digest!: DigestMode;
  @ApiProperty()
  digestHour!: number;
  @ApiProperty({ enum: LOCALES, nullable: true })
  locale!: Locale | null;
}
