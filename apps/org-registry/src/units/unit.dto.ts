import { TextField } from '@campaign/service-kit';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { UNIT_KINDS, UnitKind } from '@campaign/contracts';
import { PageQuery } from '../common/paging.dto';

export class CreateUnitDto {
  @TextField('name', { example: '盈口乡' })
  name: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS)
  kind: UnitKind;

  @ApiPropertyOptional({ description: 'parent unit id; omit for a root (district committee)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  parentId?: string;

  @TextField('code', { required: false, description: 'the district’s own code for the unit (used by bulk import); defaults to the id' })
  code?: string;
}

export class UpdateUnitDto {
  @TextField('name', { required: false })
  name?: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @IsOptional()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;

  @TextField('code', { required: false })
  code?: string;
}

export class MoveUnitDto {
  @ApiProperty({ description: 'the new parent unit id' })
  @IsString()
  @IsNotEmpty()
  parentId: string;
}

export class UnitQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'only this unit and its descendants' })
  @IsOptional()
  @IsString()
  subtreeOf?: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @IsOptional()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;

  @ApiPropertyOptional({ enum: ['active', 'closed'] })
  @IsOptional()
  @IsIn(['active', 'closed'])
  status?: 'active' | 'closed';

  @TextField('name', { required: false, description: 'substring of the name' })
  name?: string;
}
