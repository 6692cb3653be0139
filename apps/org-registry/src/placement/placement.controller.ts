import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { PageQuery } from '../common/paging.dto';
import { memberView } from '../members/members.controller';
import { MemberDocument } from '../members/member.schema';
import { UnitDocument } from '../units/unit.schema';
import { DepartmentMappingDocument } from './department-mapping.schema';
import { DepartmentMappingDto, HoldingUnitDto, PlaceMemberDto } from './placement.dto';
import { PlacementService } from './placement.service';

const unitView = (unit: UnitDocument | undefined) => (unit ? { unitId: unit._id, code: unit.code, name: unit.name } : undefined);

/** Provisioned members whose department names no unit, the department→unit mappings and the holding unit: for district admins. */
@ApiTags('placement')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'only a district admin places members' })
@Roles('district-admin')
@Controller('placement')
export class PlacementController {
  constructor(private readonly placement: PlacementService) {}

  @Get('waiting')
  @ApiOkResponse({ description: 'active members waiting to be placed, oldest first: their department as the identity provider sent it, since when, and the unit holding them' })
  async waiting(@CurrentPrincipal() principal: Principal, @Query() query: PageQuery) {
    const page = await this.placement.waiting(principal, query);
    const units = await this.placement.unitsById(principal.district, page.items.map((member) => member.unitId));
    return { ...page, items: page.items.map((member) => this.waitingView(member, units.get(member.unitId))) };
  }

  @Post('waiting/:memberId')
  @HttpCode(200)
  @ApiOkResponse({ description: 'the member in the unit (transferred when it differs), off the waiting list; with rememberDepartment the saved mapping and how many other waiting members it placed' })
  @ApiNotFoundResponse({ description: 'no such member or unit in the district' })
  @ApiConflictResponse({ description: 'the member is not waiting, or the unit is closed' })
  async place(@CurrentPrincipal() principal: Principal, @Param('memberId') memberId: string, @Body() body: PlaceMemberDto) {
    const { member, mapping, alsoPlaced } = await this.placement.place(principal, memberId, body.unitId, body.rememberDepartment);
    return { member: memberView(member), ...(mapping ? { mapping: this.mappingView(mapping) } : {}), alsoPlaced };
  }

  @Get('department-mappings')
  @ApiOkResponse({ description: 'the district’s department → unit mappings' })
  async mappings(@CurrentPrincipal() principal: Principal) {
    const mappings = await this.placement.listMappings(principal.district);
    const units = await this.placement.unitsById(principal.district, mappings.map((mapping) => mapping.unitId));
    return mappings.map((mapping) => this.mappingView(mapping, units.get(mapping.unitId)));
  }

  @Put('department-mappings')
  @ApiOkResponse({ description: 'the saved mapping (replacing one for the same department) and how many waiting members it placed' })
  @ApiNotFoundResponse({ description: 'no such unit in the district' })
  @ApiConflictResponse({ description: 'the unit is closed' })
  async saveMapping(@CurrentPrincipal() principal: Principal, @Body() body: DepartmentMappingDto) {
    const { mapping, placed } = await this.placement.saveMapping(principal, body.department, body.unitId);
    return { mapping: this.mappingView(mapping), placed };
  }

  @Delete('department-mappings/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'removed; members already placed stay where they are' })
  @ApiNotFoundResponse({ description: 'no such mapping in the district' })
  async deleteMapping(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.placement.deleteMapping(principal.district, id);
  }

  @Get('holding-unit')
  @ApiOkResponse({ description: 'the unit new members wait in (the district’s root unless one is configured)' })
  async holdingUnit(@CurrentPrincipal() principal: Principal) {
    const { unit, configured } = await this.placement.holdingUnitSetting(principal.district);
    return { ...unitView(unit), configured };
  }

  @Put('holding-unit')
  @ApiOkResponse({ description: 'the configured holding unit' })
  @ApiNotFoundResponse({ description: 'no such unit in the district' })
  @ApiConflictResponse({ description: 'the unit is closed' })
  async setHoldingUnit(@CurrentPrincipal() principal: Principal, @Body() body: HoldingUnitDto) {
    return { ...unitView(await this.placement.setHoldingUnit(principal, body.unitId)), configured: true };
  }

  private waitingView(member: MemberDocument, unit: UnitDocument | undefined) {
    const unitNames = new Map(unit ? [[unit._id, unit.name]] : []);
    return { member: memberView(member, unitNames), department: member.awaitingPlacement?.department, since: member.awaitingPlacement?.since, unit: unitView(unit) };
  }

  private mappingView(mapping: DepartmentMappingDocument, unit?: UnitDocument) {
    return { id: mapping._id, department: mapping.department, unitId: mapping.unitId, ...(unit ? { unitName: unit.name, unitCode: unit.code } : {}) };
  }
}
