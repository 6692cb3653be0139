import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { TextField } from '@campaign/service-kit';

export class PlaceMemberDto {
  @TextField('code', { description: 'the unit the member belongs to' })
  unitId: string;

  @ApiPropertyOptional({ description: 'also map the member’s department to this unit from now on, placing everyone else waiting with it', default: false })
  @IsOptional()
  @IsBoolean()
  rememberDepartment?: boolean;
}

export class DepartmentMappingDto {
  @TextField('name', { description: 'the department as the identity provider sends it (compared ignoring case, width and spacing)', example: 'Research & Development' })
  @Matches(/\S/, { message: 'department must not be blank' })
  department: string;

  @TextField('code', { description: 'the unit members of that department belong to' })
  unitId: string;
}

export class HoldingUnitDto {
  @TextField('code', { description: 'the unit that holds provisioned members until they are placed' })
  unitId: string;
}
