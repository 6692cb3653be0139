import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { NamesService } from '../common/names.service';
import { unitSnapshotOf } from './unit-paths';
import { CreateUnitDto, MoveUnitDto, UnitQuery, UpdateUnitDto } from './unit.dto';
import { UnitDocument } from './unit.schema';
import { UnitsService } from './units.service';

function view(unit: UnitDocument, names: ReadonlyMap<string, string>) {
  return {
    ...unitSnapshotOf(unit),
    parentName: unit.parentId ? (names.get(unit.parentId) ?? null) : null,
    code: unit.code,
    ...(unit.closedAt ? { closedAt: new Date(unit.closedAt).toISOString() } : {}),
  };
}

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(
    private readonly units: UnitsService,
    private readonly names: NamesService,
  ) {}

  private async views(district: string, units: UnitDocument[]) {
    const names = await this.names.units(district, units.map((unit) => unit.parentId));
    return units.map((unit) => view(unit, names));
  }

  private async one(district: string, unit: UnitDocument) {
    return (await this.views(district, [unit]))[0];
  }

  @Post()
  @Roles('district-admin', 'unit-admin')
  @ApiCreatedResponse({ description: 'the created unit' })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateUnitDto) {
    return this.one(principal.district, await this.units.create(principal, body));
  }

  @Get()
  @Roles('district-admin', 'unit-admin', 'operator')
  @ApiOkResponse({ description: 'units the caller may see, filtered by subtree, kind, status, name' })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: UnitQuery) {
    const page = await this.units.list(principal, query);
    return { ...page, items: await this.views(principal.district, page.items) };
  }

  @Get(':id')
  @Roles('district-admin', 'unit-admin', 'operator')
  @ApiNotFoundResponse({ description: 'no such unit in the caller’s district' })
  @ApiForbiddenResponse({ description: 'the unit is outside the caller’s subtrees' })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.one(principal.district, await this.units.visibleUnit(principal, id));
  }

  @Get(':id/subtree')
  @Roles('district-admin', 'unit-admin', 'operator')
  @ApiOkResponse({ description: 'the unit and its descendants' })
  async subtree(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: UnitQuery) {
    await this.units.visibleUnit(principal, id);
    const page = await this.units.list(principal, { ...query, subtreeOf: id });
    return { ...page, items: await this.views(principal.district, page.items) };
  }

  @Patch(':id')
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: 'renamed / recoded unit (no event when nothing changed)' })
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: UpdateUnitDto) {
    return this.one(principal.district, await this.units.update(principal, id, body));
  }

  @Post(':id/move')
  @HttpCode(200)
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: 'the unit after the move; its subtree moved with it' })
  async move(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: MoveUnitDto) {
    return this.one(principal.district, await this.units.move(principal, id, body.parentId));
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('district-admin', 'unit-admin')
  @ApiOkResponse({ description: 'the closed unit' })
  async close(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.one(principal.district, await this.units.close(principal, id));
  }
}
