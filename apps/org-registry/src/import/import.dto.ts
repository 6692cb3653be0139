import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { TextField } from '@campaign/service-kit';
import { LIST_SEPARATOR_MAX_LENGTH, MAPPABLE_FIELDS } from './column-mapping';

export class ColumnMappingDto {
  @ApiProperty({ enum: ['csv', 'json'] })
  @IsIn(['csv', 'json'])
  format: 'csv' | 'json';

  @ApiProperty({
    description: `member field → column header or JSON property; fields: ${MAPPABLE_FIELDS.join(', ')} (externalId, name, unit required)`,
    example: { externalId: '工号', name: '姓名', unit: '单位编码', posts: '职务', isLeader: '领导干部', isKeyPost: '重点岗位', status: '状态', email: '邮箱' },
  })
  @IsObject()
  columns: Record<string, string>;

  @ApiPropertyOptional({ enum: ['code', 'name'], default: 'code' })
  @IsOptional()
  @IsIn(['code', 'name'])
  unitReference?: 'code' | 'name';

  @ApiPropertyOptional({ default: '、', maxLength: LIST_SEPARATOR_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIST_SEPARATOR_MAX_LENGTH)
  listSeparator?: string;

  @ApiPropertyOptional({ default: ',' })
  @IsOptional()
  @IsString()
  @Length(1, 1)
  delimiter?: string;
}

/** A mapping's name travels in URLs and query strings: letters, digits and `-_.`, starting with a letter or digit. */
const MAPPING_NAME = /^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u;
const MAPPING_NAME_RULE = { message: 'name may hold letters, digits, -, _ and . only, and starts with a letter or digit' };

export class MappingNameParams {
  @TextField('code', { description: 'name of the column mapping', example: 'hr-monthly' })
  @Matches(MAPPING_NAME, MAPPING_NAME_RULE)
  name: string;
}

export class ImportQuery {
  @TextField('code', { description: 'name of a saved column mapping' })
  @Matches(MAPPING_NAME, MAPPING_NAME_RULE)
  mapping: string;

  @ApiPropertyOptional({ default: true, description: 'report the diff without writing' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  dryRun = true;

  @ApiPropertyOptional({ enum: ['keep', 'leave'], default: 'keep', description: 'leave: members missing from the file are marked left' })
  @IsOptional()
  @IsIn(['keep', 'leave'])
  missing: 'keep' | 'leave' = 'keep';
}
