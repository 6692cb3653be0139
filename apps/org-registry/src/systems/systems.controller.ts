import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { NamesService } from '../common/names.service';
import { CreateSystemDto, UpdateSystemDto } from './system.dto';
import { SystemDocument } from './system.schema';
import { SystemsService } from './systems.service';


@ApiTags('systems')
@ApiBearerAuth()
@Controller('systems')
export class SystemsController {
  constructor(
    private readonly systems: SystemsService,
    private readonly names: NamesService,
  ) {}

  /** Systems with the names of their units and guidance group members beside the ids. */
  private async views(district: string, systems: SystemDocument[]) {
    const [units, members] = await Promise.all([
      this.names.units(district, systems.flatMap((system) => system.unitIds)),
      this.names.members(district, systems.flatMap((system) => system.guidanceGroup.map((seat) => seat.memberId))),
    ]);
    return systems.map(({ _id, code, name, leadUnitId, unitIds, guidanceGroup, revision }) => ({
      systemId: _id,
      code,
      name,
      leadUnitId,
      leadUnitName: leadUnitId ? (units.get(leadUnitId) ?? null) : null,
      unitIds,
      units: unitIds.map((unitId) => ({ unitId, name: units.get(unitId) ?? null })),
      guidanceGroup: guidanceGroup.map((seat) => ({ ...seat, memberName: members.get(seat.memberId) ?? null })),
      revision,
    }));
  }

  private async one(district: string, system: SystemDocument) {
    return (await this.views(district, [system]))[0];
  }

  @Post()
  @Roles('district-admin')
  @ApiCreatedResponse({ description: 'the system (education, health …) with its lead unit' })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateSystemDto) {
    return this.one(principal.district, await this.systems.create(principal.district, body));
  }

  @Get()
  @Roles('district-admin', 'unit-admin', 'operator')
  @ApiOkResponse({ description: 'the systems of the district' })
  async list(@CurrentPrincipal() principal: Principal) {
    return this.views(principal.district, await this.systems.list(principal.district));
  }

  @Get(':id')
  @Roles('district-admin', 'unit-admin', 'operator')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.one(principal.district, await this.systems.get(principal.district, id));
  }

  @Patch(':id')
  @Roles('district-admin')
  @ApiOkResponse({ description: 'the system after the change (no event when nothing changed)' })
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: UpdateSystemDto) {
    return this.one(principal.district, await this.systems.update(principal.district, id, body));
  }
}
