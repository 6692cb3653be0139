import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Length } from 'class-validator';
import { MAPPABLE_FIELDS } from './column-mapping';

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

  @ApiPropertyOptional({ default: '、' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  listSeparator?: string;

  @ApiPropertyOptional({ default: ',' })
  @IsOptional()
  @IsString()
  @Length(1, 1)
  delimiter?: string;
}

export class ImportQuery {
  @ApiProperty({ description: 'name of a saved column mapping' })
  @IsString()
  @IsNotEmpty()
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
