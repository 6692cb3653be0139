import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { SeedService } from './seed.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/seed')
export class SeedController {
  constructor(private readonly seed: SeedService) {}

  @Post('demo')
  @HttpCode(200)
  @Roles('district-admin')
  @ApiOkResponse({ description: 'the demo district of the source document loaded into the caller’s district (idempotent)' })
  @ApiForbiddenResponse({ description: 'refused when NODE_ENV=production' })
  seedDemo(@CurrentPrincipal() principal: Principal) {
    return this.seed.seedDemo(principal.district);
  }
}
