import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { unitSnapshotOf } from './unit-paths';
import { CreateUnitDto, MoveUnitDto, UnitQuery, UpdateUnitDto } from './unit.dto';
import { UnitDocument } from './unit.schema';
import { UnitsService } from './units.service';

function view(unit: UnitDocument) {
  return { ...unitSnapshotOf(unit), code: unit.code, ...(unit.closedAt ? { closedAt: new Date(unit.closedAt).toISOString() } : {}) };
}

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Post()
  @Roles('district-admin', 'unit-admin')
  @ApiCreatedResponse({ description: 'the created unit' })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateUnitDto) {
    return view(await this.units.create(principal, body));
  }

  @Get()
  @Roles('district-admin', 'unit-admin', 'operator')
  @ApiOkResponse({ description: 'units the caller may see, filtered by subtree, kind, status, name' })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: UnitQuery) {
    const page = await this.units.list(principal, query);
    return { ...page, items: page.items.map(view) };
  }

  @Get(':id')
  @Roles('district-admin', 'unit-admin', 'operator')
  @ApiNotFoundResponse({ description: 'no such unit in the caller’s scope' })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return view(await this.units.visibleUnit(principal, id));
  }

  @Get(':id/subtree')
  @Roles('district-admin', 'unit-admin', 'operator')
  @ApiOkResponse({ description: 'the unit and its descendants' })
  async subtree(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: UnitQuery) {
    await this.units.visibleUnit(principal, id);
    const page = await this.units.list(principal, { ...query, subtreeOf: id });
    return { ...page, items: page.items.map(view) };
  }

  @Patch(':id')
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: 'renamed / recoded unit (no event when nothing changed)' })
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: UpdateUnitDto) {
    return view(await this.units.update(principal, id, body));
  }

  @Post(':id/move')
  @HttpCode(200)
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: 'the unit after the move; its subtree moved with it' })
  async move(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: MoveUnitDto) {
    return view(await this.units.move(principal, id, body.parentId));
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: 'the closed unit' })
  async close(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return view(await this.units.close(principal, id));
  }
}
