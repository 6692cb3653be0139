import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { MEMBER_ROLES, MEMBER_STATUSES, MemberRole, MemberStatus } from '@campaign/contracts';
import { PageQuery } from '../common/paging.dto';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ContactsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  wecomId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  dingtalkId?: string;
}

export class UpdateMemberDto {
  @ApiPropertyOptional({ example: '张伟' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ description: 'HR system id' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  externalId?: string;

  @ApiPropertyOptional({ description: 'login name as provisioned by SCIM' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  userName?: string;

  @ApiPropertyOptional({ type: [String], example: ['书记'] })
  @IsOptional()
  @IsString({ each: true })
  @ArrayMaxSize(20)
  posts?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isLeader?: boolean;

  @ApiPropertyOptional({ description: 'key post (重点岗位): stricter targets' })
  @IsOptional()
  @IsBoolean()
  isKeyPost?: boolean;

  @ApiPropertyOptional({ example: '2020-07-01' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'joinedAt must be YYYY-MM-DD' })
  joinedAt?: string;

  @ApiPropertyOptional({ type: ContactsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactsDto)
  contacts?: ContactsDto;
}

export class EnrolMemberDto extends UpdateMemberDto {
  @ApiProperty({ example: '张伟' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  declare name: string;

  @ApiProperty({ description: 'the unit the member belongs to' })
  @IsString()
  @IsNotEmpty()
  unitId: string;
}

export class TransferMemberDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  toUnitId: string;

  @ApiPropertyOptional({ description: 'defaults to today' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'effectiveAt must be YYYY-MM-DD' })
  effectiveAt?: string;
}

export class LeaveMemberDto {
  @ApiProperty({ enum: ['transferred', 'retired', 'left'] })
  @IsIn(['transferred', 'retired', 'left'])
  reason: 'transferred' | 'retired' | 'left';

  @ApiPropertyOptional({ description: 'defaults to today' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'effectiveAt must be YYYY-MM-DD' })
  effectiveAt?: string;
}

export class MemberQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'members of this unit and its descendants' })
  @IsOptional()
  @IsString()
  subtreeOf?: string;

  @ApiPropertyOptional({ description: 'substring of the name' })
  @IsOptional()
  @IsString()
  name?: string;

  @ApiPropertyOptional({ description: 'exact post, e.g. 书记' })
  @IsOptional()
  @IsString()
  post?: string;

  @ApiPropertyOptional({ enum: MEMBER_STATUSES })
  @IsOptional()
  @IsIn(MEMBER_STATUSES)
  status?: MemberStatus;

  @ApiPropertyOptional({ enum: MEMBER_ROLES, description: 'members holding this role in some unit, e.g. secretary' })
  @IsOptional()
  @IsIn(MEMBER_ROLES)
  role?: MemberRole;
}
