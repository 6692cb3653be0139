import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { AccessService } from '../common/access.service';
import { KnownCampaignGuard } from '../common/known-campaign.guard';
import { MoversQueryDto, PublishRankingDto, RankingQueryDto } from './ranking.dto';
import { RankingsService } from './rankings.service';

@ApiTags('rankings')
@ApiBearerAuth()
@Controller('campaigns/:campaignId/rankings')
@UseGuards(KnownCampaignGuard)
export class RankingsController {
  constructor(
    private readonly rankings: RankingsService,
    private readonly access: AccessService,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'A page of a ranking: equal points share a rank, the next rank skips, ties by id; each subject’s name beside its id.' })
  async rank(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Query() query: RankingQueryDto) {
    await this.access.assertCanSeeRanking(principal, query.scope, query.scopeId);
    return this.rankings.rank(principal.district, { ...query, campaignId });
  }

  @Get('movers')
  @ApiOkResponse({ description: 'Who climbed and who fell between two periods; a subject without points in a period is off its ranking (rank null) and counts one place past the last.' })
  async movers(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Query() query: MoversQueryDto) {
    await this.access.assertCanSeeRanking(principal, query.scope, query.scopeId);
    return this.rankings.movers(principal.district, campaignId, query.scope, query.scopeId, query.from, query.to);
  }

  @Post('published')
  @Roles('district-admin')
  @ApiCreatedResponse({ description: 'Freezes the ranking and announces it (scoring.ranking.published).' })
  publish(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string, @Body() body: PublishRankingDto) {
    return this.rankings.publish(principal.district, { ...body, campaignId }, principal.sub);
  }

  @Get('published')
  @ApiOkResponse({ description: 'Published (frozen) rankings of the campaign, newest first, without their entries.' })
  published(@CurrentPrincipal() principal: Principal, @Param('campaignId') campaignId: string) {
    return this.rankings.publishedRankings(principal.district, campaignId);
  }

  @Get('published/:rankingId')
  @ApiOkResponse({ description: 'A published ranking as it was frozen.' })
  snapshot(@CurrentPrincipal() principal: Principal, @Param('rankingId') rankingId: string) {
    return this.rankings.snapshot(principal.district, rankingId);
  }
}
