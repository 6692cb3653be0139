import { TextField } from '@campaign/service-kit';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ATTENDANCE_STATUSES } from '@campaign/contracts';
import { AttendanceStatus } from './attendance.schema';

export const MAX_BULK_ROWS = 10_000;

export class AttendanceStatusDto {
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) @IsIn(ATTENDANCE_STATUSES) status: AttendanceStatus;
}

export class AttendanceRowDto {
  @TextField('code') memberId: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES }) @IsIn(ATTENDANCE_STATUSES) status: AttendanceStatus;
}

export class BulkAttendanceDto {
  @ApiProperty({ type: [AttendanceRowDto], description: `Up to ${MAX_BULK_ROWS} rows; all are validated before any is written` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_ROWS)
  @ValidateNested({ each: true })
  @Type(() => AttendanceRowDto)
  rows: AttendanceRowDto[];
}

export class CheckInImportDto {
  @ApiProperty({
    description: 'An external check-in export: a header row with memberId and/or externalId, optionally name and checkedInAt (ISO time)',
    example: 'externalId,name,checkedInAt\nHR-0001,张三,2026-11-25T09:05:00+08:00',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5_000_000)
  csv: string;
}

export class WeekQueryDto {
  @ApiPropertyOptional({ description: 'Any day of the week (YYYY-MM-DD); this week by default' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { context: { format: 'YYYY-MM-DD' } })
  date?: string;
}
