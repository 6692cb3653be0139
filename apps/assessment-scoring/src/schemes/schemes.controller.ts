import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { ExpensiveEndpoint } from '@campaign/service-kit';
import { KnownCampaignGuard } from '../common/known-campaign.guard';
import { RecomputeService } from '../ledger/recompute.service';
import { invalid } from '../common/messages';
import { SchemePreviewService } from './scheme-preview.service';
import { SchemesService } from './schemes.service';

export class RecomputeDto {
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: invalid('validation.day', 'fromDay') })
  fromDay?: string;
}

export class PreviewQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000)
  limit: number = 100;
}

const SCHEME_EXAMPLE = {
  effectiveFrom: '2026-01-01',
  reason: '区委创先争优考核评价制度',
  indicators: [
    {
      id: 'study',
      name: '学习',
      subject: 'member',
      weight: 1,
      rules: [
        { id: 'collective-study', kind: 'attendance', activityKinds: ['collective-study'], present: 2, unexcusedAbsencePenalty: 2, strict: { roles: ['leader', 'key-post'], penaltyMultiplier: 2 } },
        { id: 'record-book', kind: 'study-hours', pointsPerHour: 1, caps: { day: 4, week: 10, year: 200 } },
      ],
    },
  ],
};

@ApiTags('schemes')
@ApiBearerAuth()
@Controller('campaigns/:campaignId/schemes')
@UseGuards(KnownCampaignGuard)
export class SchemesController {
  constructor(
    private readonly schemes: SchemesService,
    private readonly recompute: RecomputeService,
    private readonly previews: SchemePreviewService,
  ) {}

  /** The body is a declarative scheme validated by its own schema, so that every error names its JSON path. */
  @Post()
  @Roles('district-admin')
  @ApiBody({ schema: { type: 'object', example: SCHEME_EXAMPLE }, description: 'Indicators with weights and declarative rules (no code).' })
  @ApiCreatedResponse({ description: 'The saved version; it applies from its effective date.' })
  @ApiBadRequestResponse({ description: '`errors`: [{ path: "indicators[0].rules[1].present", message }]' })
  save(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Body() body: Record<string, unknown>) {
    return this.schemes.save(principal.district, campaignId, body, principal.sub);
  }

  /** Declared before `:version` routes; a POST, since the draft is a body, yet nothing is written. */
  @Post('preview')
  @ExpensiveEndpoint()
  @HttpCode(200)
  @Roles('district-admin')
  @ApiBody({ schema: { type: 'object', example: SCHEME_EXAMPLE }, description: 'A draft version, as it would be saved.' })
  @ApiOkResponse({
    description:
      'What-if: the draft scored against the current records from its effective date, as a recompute after saving it would; who moves and by how much (units in the district, members within their unit), the largest changes first. Nothing is saved.',
  })
  @ApiBadRequestResponse({ description: '`errors`: [{ path, message }], as when saving.' })
  preview(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Body() body: Record<string, unknown>, @Query() query: PreviewQueryDto) {
    return this.previews.preview(principal.district, campaignId, body, query.limit);
  }

  @Get()
  @Roles('district-admin', 'unit-admin', 'member')
  @ApiOkResponse({ description: 'Every version of the campaign scheme, oldest first: the rules are transparent to everyone scored by them.' })
  list(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string) {
    return this.schemes.list(principal.district, campaignId);
  }

  @Get(':version')
  @Roles('district-admin', 'unit-admin', 'member')
  @ApiOkResponse({ description: 'One version of the scheme.' })
  get(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Param('version', ParseIntPipe) version: number) {
    return this.schemes.get(principal.district, campaignId, version);
  }

  @Post('recompute')
  @ExpensiveEndpoint()
  @HttpCode(200)
  @Roles('district-admin')
  @ApiOkResponse({ description: 'Rescored every record under the version in force on its date: reversals of lines of other versions, then new lines.' })
  recomputeAll(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Body() body: RecomputeDto) {
    return this.recompute.recompute(principal.district, campaignId, principal.sub, body.fromDay);
  }
}
