import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches } from 'class-validator';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class GrantUnitAdminDto {
  @ApiProperty({ description: 'the member who administers the unit' })
  @IsString()
  @IsNotEmpty()
  memberId!: string;

  @ApiPropertyOptional({ description: 'first day of the tenure; defaults to today', example: '2026-12-01' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'from must be YYYY-MM-DD' })
  from?: string;
}

export class RevokeUnitAdminQuery {
  @ApiPropertyOptional({ description: 'last day of the tenure; defaults to today', example: '2026-12-31' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'to must be YYYY-MM-DD' })
  to?: string;
}

export class UnitAdminsQuery {
  @ApiPropertyOptional({ default: false, description: 'also revoked grants, with every tenure' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  all = false;
}
