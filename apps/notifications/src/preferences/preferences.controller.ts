import { Body, Controller, ForbiddenException, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@campaign/auth';
import { PreferencesView, UpdatePreferencesDto } from './preference.dto';
import { PreferencesService } from './preferences.service';

export function ownMemberId(principal: Principal): string {
  if (!principal.memberId) throw new ForbiddenException('this endpoint is for members: the token names no memberId');
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
