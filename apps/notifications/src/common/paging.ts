import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

// Listed in the order stacked decorators apply (bottom-up), so a refused value's messages keep their order.

/** How many items a page holds: 1 to 200, 50 when the query names none. */
export const PageLimit = () =>
  applyDecorators(
    Max(200),
    Min(1),
    IsInt(),
    Transform(({ value }) => Number(value)),
    IsOptional(),
    ApiPropertyOptional({ default: 50, maximum: 200 }),
  );

/** How many items to pass over before the page starts. */
export const PageSkip = () =>
  applyDecorators(
    Min(0),
    IsInt(),
    Transform(({ value }) => Number(value)),
    IsOptional(),
    ApiPropertyOptional({ default: 0 }),
  );
