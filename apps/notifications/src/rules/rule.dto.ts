import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { TextField } from '@campaign/service-kit';
import { Audience, AUDIENCES, Trigger, TRIGGERS } from './triggers';

export class MessageTemplateDto {
  @TextField('title', { example: '活动通知：{{activityTitle}}', maxLength: 200 })
  subject!: string;

  @TextField('text', { example: '{{recipientName}}同志：请于{{startsAt}}参加“{{activityTitle}}”。', maxLength: 4000 })
  body!: string;
}

export class RuleTemplatesDto {
  @ApiProperty({ type: MessageTemplateDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => MessageTemplateDto)
  'zh-CN'!: MessageTemplateDto;

  @ApiProperty({ type: MessageTemplateDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => MessageTemplateDto)
  en!: MessageTemplateDto;
}

export class RuleBodyDto {
  @ApiProperty({ enum: TRIGGERS })
  @IsIn(TRIGGERS)
  trigger!: Trigger;

  @ApiProperty({ enum: AUDIENCES })
  @IsIn(AUDIENCES)
  audience!: Audience;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ type: [Number], example: [4320, 1440], description: 'minutes before the deadline' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(90 * 24 * 60, { each: true })
  remindBeforeMinutes?: number[];

  @ApiProperty({ type: RuleTemplatesDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => RuleTemplatesDto)
  templates!: RuleTemplatesDto;
}

export class CreateRuleDto extends RuleBodyDto {
  @ApiProperty({ example: 'weekly-study-missed' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'ruleId must be 2-63 lowercase letters, digits or dashes' })
  ruleId!: string;
}

export class RuleView extends CreateRuleDto {}
