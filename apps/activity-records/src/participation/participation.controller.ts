import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { ParticipationQueryDto } from './participation.dto';
import { UnitParticipation } from './participation';
import { ParticipationService } from './participation.service';

@ApiTags('participation')
@ApiBearerAuth()
@Roles('district-admin', 'unit-admin')
@Controller()
export class ParticipationController {
  constructor(private readonly participation: ParticipationService) {}

  @Get('units/:unitId/participation')
  @ApiOkResponse({ description: "The campaign's attendance rate, study hours and submissions on time of each child of the unit (and of the unit's own members)" })
  byChildUnit(@CurrentPrincipal() principal: Principal, @Param('unitId') unitId: string, @Query() query: ParticipationQueryDto): Promise<UnitParticipation[]> {
    return this.participation.byChildUnit(principal, query.campaignId, unitId);
  }
}
