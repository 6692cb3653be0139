import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MinLength } from 'class-validator';

// Listed in the order stacked decorators apply (bottom-up), so a refused body's messages keep their order.

/** Whether a request is about a member or a unit. */
export const SubjectTypeProperty = () => applyDecorators(IsIn(['member', 'unit']), ApiProperty({ enum: ['member', 'unit'] }));

/** The member or unit a request is about. */
export const SubjectIdProperty = () => applyDecorators(MinLength(1), IsString(), ApiProperty());
