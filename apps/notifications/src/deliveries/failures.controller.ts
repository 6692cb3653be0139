import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { FailuresQueryDto, FailureView } from './failures.dto';
import { FailuresService } from './failures.service';

@ApiTags('failures')
@ApiBearerAuth()
@Roles('operator', 'district-admin')
@Controller('failures')
export class FailuresController {
  constructor(private readonly failures: FailuresService) {}

  @Get()
  @ApiOkResponse({ type: [FailureView], description: 'dead-lettered deliveries of the caller district, newest first' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: FailuresQueryDto): Promise<FailureView[]> {
    return this.failures.list(principal.district, query.limit ?? 50);
  }

  @Post(':deliveryId/replay')
  @HttpCode(200)
  @ApiOkResponse({ type: FailureView })
  @ApiNotFoundResponse({ description: 'no dead-lettered delivery with that id in the district' })
  replay(@CurrentPrincipal() principal: Principal, @Param('deliveryId') deliveryId: string): Promise<FailureView> {
    return this.failures.replay(principal.district, deliveryId);
  }
}
