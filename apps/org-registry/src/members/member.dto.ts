import { TextField } from '@campaign/service-kit';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
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

export class EnrolMemberDto {
  @TextField('name', { example: '张伟' })
  name: string;

  @ApiProperty({ description: 'the unit the member belongs to' })
  @IsString()
  @IsNotEmpty()
  unitId: string;

  @TextField('code', { required: false, description: 'HR system id' })
  externalId?: string;

  @TextField('code', { required: false, description: 'login name as provisioned by SCIM' })
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

/** A member's fields but its unit (moved by transfer), each optional in validation and OpenAPI alike. */
export class UpdateMemberDto extends PartialType(OmitType(EnrolMemberDto, ['unitId'] as const)) {}

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

  @TextField('name', { required: false, description: 'substring of the name' })
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
