import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { POST_ROLES } from '@campaign/contracts';
import { TextField } from '@campaign/service-kit';
import { PostRole } from './post-roles';

export class PostEntryBodyDto {
  @ApiProperty({ enum: POST_ROLES, nullable: true, description: 'the role the title gives in the holder’s unit; null: a known title that gives none (e.g. 党员)' })
  @IsIn([...POST_ROLES, null])
  role!: PostRole | null;
}

export class PostTitleParams {
  @TextField('name', { description: 'a post title as members hold it (e.g. 支部书记)', example: '支部书记' })
  title!: string;
}
