import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@campaign/auth';
import { forbidden } from '../i18n/problems';
import { PreferencesView, UpdatePreferencesDto } from './preference.dto';
import { PreferencesService } from './preferences.service';

export function ownMemberId(principal: Principal): string {
  if (!principal.memberId) throw forbidden('member-endpoint.no-member');
  return principal.memberId;
}

@ApiTags('preferences')
@ApiBearerAuth()
@Controller('me/preferences')
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get()
  @ApiOkResponse({ type: PreferencesView })
  get(@CurrentPrincipal() principal: Principal): Promise<PreferencesView> {
    return this.preferences.view(principal.district, ownMemberId(principal));
  }

  @Put()
  @ApiOkResponse({ type: PreferencesView })
  update(@CurrentPrincipal() principal: Principal, @Body() body: UpdatePreferencesDto): Promise<PreferencesView> {
    return this.preferences.update(principal.district, ownMemberId(principal), body);
  }
}
