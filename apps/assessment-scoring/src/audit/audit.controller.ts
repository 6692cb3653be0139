import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { KnownCampaignGuard } from '../common/known-campaign.guard';
import { AUDIT_ACTIONS, AuditAction } from './audit-entry.schema';
import { AuditService } from './audit.service';

export class AuditQueryDto {
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @IsOptional()
  @IsString()
  target?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 100;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('campaigns/:campaignId/audit')
@UseGuards(KnownCampaignGuard)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('district-admin')
  @ApiOkResponse({ description: 'Who changed a scheme, an adjustment, a rating or an honour, when and why; newest first.' })
  list(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Query() query: AuditQueryDto) {
    return this.audit.list(principal.district, campaignId, query);
  }
}
