import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { SettingsView, UpdateSettingsDto } from './settings.dto';
import { SettingsService } from './settings.service';

@ApiTags('settings')
@ApiBearerAuth()
@Roles('district-admin')
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOkResponse({ type: SettingsView })
  get(@CurrentPrincipal() principal: Principal): Promise<SettingsView> {
    return this.settings.view(principal.district);
  }

  @Put()
  @ApiOkResponse({ type: SettingsView })
  update(@CurrentPrincipal() principal: Principal, @Body() body: UpdateSettingsDto): Promise<SettingsView> {
    return this.settings.update(principal.district, body);
  }
}
