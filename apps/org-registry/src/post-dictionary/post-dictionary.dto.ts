import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { POST_ROLES } from '@campaign/contracts';
import { PostRole } from './post-roles';

export class PostEntryBodyDto {
  @ApiProperty({ enum: POST_ROLES, nullable: true, description: 'the role the title gives in the holder’s unit; null: a known title that gives none (e.g. 党员)' })
  @IsIn([...POST_ROLES, null])
  role!: PostRole | null;
}
