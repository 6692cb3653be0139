import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { ExpensiveEndpoint } from '@campaign/service-kit';
import { KnownCampaignGuard } from '../common/known-campaign.guard';
import { AdjustmentDto, DerivationDto } from './adjustment.dto';
import { AdjustmentsService } from './adjustments.service';
import { DerivationService } from './derivation.service';

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('campaigns/:campaignId')
@UseGuards(KnownCampaignGuard)
export class LedgerController {
  constructor(
    private readonly adjustments: AdjustmentsService,
    private readonly derivation: DerivationService,
  ) {}

  @Post('adjustments')
  @Roles('district-admin')
  @ApiCreatedResponse({ description: 'The new ledger line, with its reason and author.' })
  adjust(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Body() body: AdjustmentDto) {
    return this.adjustments.adjust(principal.district, campaignId, body, principal.sub);
  }

  @Post('derivations')
  @ExpensiveEndpoint()
  @HttpCode(200)
  @Roles('district-admin')
  @ApiOkResponse({ description: "Unit indicators derived from members' records for a period (attendance rate, share meeting requirements)." })
  derive(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Body() body: DerivationDto) {
    return this.derivation.derive(principal.district, campaignId, body.window, body.periodKey, principal.sub);
  }
}
