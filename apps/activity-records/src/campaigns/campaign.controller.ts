import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { AddCarrierDto, AddThemeDto, ChangeStageDto, LaunchCampaignDto } from './campaign.dto';
import { Campaign } from './campaign.schema';
import { CampaignService } from './campaign.service';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignController {
  constructor(private readonly campaigns: CampaignService) {}

  @Post()
  @Roles('district-admin')
  @ApiCreatedResponse({ description: 'Launched in its planning stage; emits activity.campaign.launched' })
  launch(@CurrentPrincipal() principal: Principal, @Body() dto: LaunchCampaignDto): Promise<Campaign> {
    return this.campaigns.launch(principal.district, dto);
  }

  @Get()
  @ApiOkResponse({ description: "The district's campaigns" })
  list(@CurrentPrincipal() principal: Principal): Promise<Campaign[]> {
    return this.campaigns.list(principal.district);
  }

  @Get(':campaignId')
  @ApiOkResponse({ description: 'A campaign with its stages, themes and carriers' })
  @ApiNotFoundResponse()
  get(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string): Promise<Campaign> {
    return this.campaigns.get(principal.district, campaignId);
  }

  @Post(':campaignId/stage')
  @Roles('district-admin')
  @ApiOkResponse({ description: 'Moved to the next stage; emits activity.campaign.stage-changed' })
  @ApiConflictResponse({ description: 'Not the next stage' })
  changeStage(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Body() dto: ChangeStageDto): Promise<Campaign> {
    return this.campaigns.changeStage(principal.district, campaignId, dto.to);
  }

  @Post(':campaignId/themes')
  @Roles('district-admin')
  @ApiCreatedResponse({ description: 'A district-level theme' })
  addTheme(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Body() dto: AddThemeDto): Promise<Campaign> {
    return this.campaigns.addTheme(principal.district, campaignId, dto);
  }

  @Post(':campaignId/carriers')
  @Roles('district-admin')
  @ApiCreatedResponse({ description: 'A district-level carrier (named sub-activity)' })
  addCarrier(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Body() dto: AddCarrierDto): Promise<Campaign> {
    return this.campaigns.addCarrier(principal.district, campaignId, dto);
  }
}
