import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { CreateSystemDto, UpdateSystemDto } from './system.dto';
import { SystemDocument } from './system.schema';
import { SystemsService } from './systems.service';

function view({ _id, code, name, leadUnitId, unitIds, guidanceGroup, revision }: SystemDocument) {
  return { systemId: _id, code, name, leadUnitId, unitIds, guidanceGroup, revision };
}

@ApiTags('systems')
@ApiBearerAuth()
@Controller('systems')
export class SystemsController {
  constructor(private readonly systems: SystemsService) {}

  @Post()
  @Roles('district-admin')
  @ApiCreatedResponse({ description: 'the system (education, health …) with its lead unit' })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateSystemDto) {
    return view(await this.systems.create(principal.district, body));
  }

  @Get()
  @Roles('district-admin', 'unit-admin', 'operator')
  @ApiOkResponse({ description: 'the systems of the district' })
  async list(@CurrentPrincipal() principal: Principal) {
    return (await this.systems.list(principal.district)).map(view);
  }

  @Get(':id')
  @Roles('district-admin', 'unit-admin', 'operator')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return view(await this.systems.get(principal.district, id));
  }

  @Patch(':id')
  @Roles('district-admin')
  @ApiOkResponse({ description: 'the system after the change (no event when nothing changed)' })
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: UpdateSystemDto) {
    return view(await this.systems.update(principal.district, id, body));
  }
}
