import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class PlaceMemberDto {
  @ApiProperty({ description: 'the unit the member belongs to' })
  @IsString()
  @IsNotEmpty()
  unitId: string;

  @ApiPropertyOptional({ description: 'also map the member’s department to this unit from now on, placing everyone else waiting with it', default: false })
  @IsOptional()
  @IsBoolean()
  rememberDepartment?: boolean;
}

export class DepartmentMappingDto {
  @ApiProperty({ description: 'the department as the identity provider sends it (compared ignoring case, width and spacing)', example: 'Research & Development' })
  @IsString()
  @Matches(/\S/, { message: 'department must not be blank' })
  @MaxLength(200)
  department: string;

  @ApiProperty({ description: 'the unit members of that department belong to' })
  @IsString()
  @IsNotEmpty()
  unitId: string;
}

export class HoldingUnitDto {
  @ApiProperty({ description: 'the unit that holds provisioned members until they are placed' })
  @IsString()
  @IsNotEmpty()
  unitId: string;
}
