import { Controller, HttpCode, Post } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { forbidden } from '../i18n/problems';
import { SeedService } from './seed.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/seed')
export class SeedController {
  constructor(
    private readonly seed: SeedService,
    private readonly config: ConfigService,
  ) {}

  @Post('demo')
  @HttpCode(200)
  @Roles('district-admin')
  @ApiOkResponse({ description: 'the demo district of the source document loaded into the caller’s district (idempotent)' })
  @ApiForbiddenResponse({ description: 'refused when NODE_ENV=production' })
  async seedDemo(@CurrentPrincipal() principal: Principal) {
    if (this.config.get<string>('NODE_ENV') === 'production') throw forbidden('seed.refused-in-production');
    return this.seed.seedDemo(principal.district);
  }
}
