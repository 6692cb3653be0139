import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Principal } from '@campaign/auth';
import { stableId, today } from '../common/ids';
import { Page, PageQuery } from '../common/paging.dto';
import { fieldsOf } from '../members/member-changes';
import { AwaitingPlacement, MEMBER, MemberDocument } from '../members/member.schema';
import { MembersService } from '../members/members.service';
import { UNIT, UnitDocument } from '../units/unit.schema';
import { UnitsService } from '../units/units.service';
import { departmentKeyOf } from './department-key';
import { DEPARTMENT_MAPPING, DepartmentMappingDocument } from './department-mapping.schema';
import { PLACEMENT_SETTINGS, PlacementSettingsDocument } from './placement-settings.schema';
import { placementText } from './placement.messages';

/** Where a provisioned member belongs, and whether an admin still has to place them. */
export interface Placement {
  unitId: string;
  unitPath: string[];
  awaitingPlacement?: AwaitingPlacement;
}

const WAITING = { status: 'active', 'awaitingPlacement.since': { $exists: true }, 'directoryDeletion.at': { $exists: false } };

/**
 * Turns an identity provider's free-text department into a unit: the district's department mappings, then a unit code,
 * then a unit name used once. A new member whose department names no unit waits in the district's holding unit for a
 * district admin to place them; an existing member stays in their unit and is listed for review.
 */
@Injectable()
export class PlacementService {
  constructor(
    @InjectModel(UNIT) private readonly units: Model<UnitDocument>,
    @InjectModel(MEMBER) private readonly members: Model<MemberDocument>,
    @InjectModel(DEPARTMENT_MAPPING) private readonly mappings: Model<DepartmentMappingDocument>,
    @InjectModel(PLACEMENT_SETTINGS) private readonly settings: Model<PlacementSettingsDocument>,
    private readonly memberService: MembersService,
    private readonly unitService: UnitsService,
  ) {}

  async unitForDepartment(district: string, department: string): Promise<UnitDocument | undefined> {
    const key = departmentKeyOf(department);
    if (!key) return undefined;
    const mapping = await this.mappings.findOne({ district, _id: mappingId(district, key) }).lean<DepartmentMappingDocument>();
    const mapped = mapping ? await this.activeUnit(district, mapping.unitId) : undefined;
    if (mapped) return mapped;
    const text = department.trim();
    const byCode = await this.units.findOne({ district, code: text, status: 'active' }).lean<UnitDocument>();
    if (byCode) return byCode;
    const byName = await this.units.find({ district, name: text, status: 'active' }).limit(2).lean<UnitDocument[]>();
    return byName.length === 1 ? byName[0] : undefined;
  }

  /** The configured holding unit while it is active, else the district's first root unit. */
  async holdingUnit(district: string): Promise<UnitDocument> {
    const settings = await this.settings.findOne({ district, _id: district }).lean<PlacementSettingsDocument>();
    const configured = settings ? await this.activeUnit(district, settings.holdingUnitId) : undefined;
    if (configured) return configured;
    const root = await this.units.findOne({ district, parentId: null, status: 'active' }).sort({ createdAt: 1 }).lean<UnitDocument>();
    if (!root) throw new BadRequestException(placementText.t('placement.noUnits'));
    return root;
  }

  /**
   * The placement for a department sent by the identity provider. An unchanged (or absent) department keeps an existing
   * member where they are, so an admin's placement survives the next sync.
   */
  async placementFor(district: string, department: string | undefined, current: MemberDocument | null): Promise<Placement> {
    const key = departmentKeyOf(department);
    if (current && (!key || key === departmentKeyOf(current.directory?.department))) {
      return { unitId: current.unitId, unitPath: current.unitPath, awaitingPlacement: current.awaitingPlacement ?? undefined };
    }
    const unit = department && key ? await this.unitForDepartment(district, department) : undefined;
    if (unit) return { unitId: unit._id, unitPath: unit.path };
    const awaitingPlacement: AwaitingPlacement = { ...(department?.trim() ? { department: department.trim() } : {}), since: current?.awaitingPlacement?.since ?? today() };
    if (current) return { unitId: current.unitId, unitPath: current.unitPath, awaitingPlacement };
    const holding = await this.holdingUnit(district);
    return { unitId: holding._id, unitPath: holding.path, awaitingPlacement };
  }

  async waiting(principal: Principal, query: PageQuery): Promise<Page<MemberDocument>> {
    const filter = { district: principal.district, ...WAITING };
    const [items, total] = await Promise.all([
      this.members.find(filter).sort({ 'awaitingPlacement.since': 1, name: 1, _id: 1 }).skip(query.offset).limit(query.limit).lean<MemberDocument[]>(),
      this.members.countDocuments(filter),
    ]);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /** Places a waiting member; with `rememberDepartment`, their department maps to the unit from now on (placing the others waiting with it). */
  async place(principal: Principal, memberId: string, unitId: string, rememberDepartment = false): Promise<{ member: MemberDocument; mapping?: DepartmentMappingDocument; alsoPlaced: number }> {
    const member = await this.memberService.visibleMember(principal, memberId);
    if (!member.awaitingPlacement || member.status !== 'active' || member.directoryDeletion) {
      throw new ConflictException(placementText.t('placement.notWaiting', { memberId }));
    }
    const department = member.awaitingPlacement.department;
    if (rememberDepartment && !department) throw new BadRequestException(placementText.t('placement.nothingToRemember', { memberId }));
    const unit = await this.placeableUnit(principal, unitId);
    const placed = await this.placeMember(member, unit);
    if (!rememberDepartment || !department) return { member: placed, alsoPlaced: 0 };
    const { mapping, placed: alsoPlaced } = await this.saveMapping(principal, department, unit._id);
    return { member: placed, mapping, alsoPlaced };
  }

  async listMappings(district: string): Promise<DepartmentMappingDocument[]> {
    return this.mappings.find({ district }).sort({ key: 1 }).lean<DepartmentMappingDocument[]>();
  }

  /** Maps a department to a unit (replacing an earlier mapping of the same department) and places the members waiting with it. */
  async saveMapping(principal: Principal, department: string, unitId: string): Promise<{ mapping: DepartmentMappingDocument; placed: number }> {
    const district = principal.district;
    const unit = await this.placeableUnit(principal, unitId);
    const key = departmentKeyOf(department) as string;
    const _id = mappingId(district, key);
    await this.mappings.updateOne({ district, _id }, { $set: { department: department.trim(), key, unitId: unit._id } }, { upsert: true });
    const mapping = (await this.mappings.findOne({ district, _id }).lean<DepartmentMappingDocument>()) as DepartmentMappingDocument;
    const waiting = await this.members.find({ district, ...WAITING }).lean<MemberDocument[]>();
    let placed = 0;
    for (const member of waiting.filter((candidate) => departmentKeyOf(candidate.awaitingPlacement?.department) === key)) {
      try {
        await this.placeMember(member, unit);
        placed += 1;
      } catch (error) {
        // Changed by someone else meanwhile: the member stays on the waiting list for the admin to see.
        if (!(error instanceof ConflictException)) throw error;
      }
    }
    return { mapping, placed };
  }

  async deleteMapping(district: string, id: string): Promise<void> {
    const result = await this.mappings.deleteOne({ district, _id: id });
    if (result.deletedCount === 0) throw new NotFoundException(placementText.t('placement.mappingNotFound', { mappingId: id }));
  }

  async holdingUnitSetting(district: string): Promise<{ unit: UnitDocument; configured: boolean }> {
    const settings = await this.settings.findOne({ district, _id: district }).lean<PlacementSettingsDocument>();
    const unit = await this.holdingUnit(district);
    return { unit, configured: settings?.holdingUnitId === unit._id };
  }

  async setHoldingUnit(principal: Principal, unitId: string): Promise<UnitDocument> {
    const unit = await this.placeableUnit(principal, unitId);
    await this.settings.updateOne({ district: principal.district, _id: principal.district }, { $set: { holdingUnitId: unit._id } }, { upsert: true });
    return unit;
  }

  async unitsById(district: string, ids: string[]): Promise<Map<string, UnitDocument>> {
    const units = await this.units.find({ district, _id: { $in: [...new Set(ids)] } }).lean<UnitDocument[]>();
    return new Map(units.map((unit) => [unit._id, unit]));
  }

  private async placeMember(member: MemberDocument, unit: UnitDocument): Promise<MemberDocument> {
    return (await this.memberService.change(member, { ...fieldsOf(member), unitId: unit._id, unitPath: unit.path, awaitingPlacement: undefined }, today())).member;
  }

  private async placeableUnit(principal: Principal, unitId: string): Promise<UnitDocument> {
    const unit = await this.unitService.writableUnit(principal, unitId);
    if (unit.status !== 'active') throw new ConflictException(placementText.t('placement.unitClosed', { unitId }));
    return unit;
  }

  private async activeUnit(district: string, unitId: string): Promise<UnitDocument | undefined> {
    return (await this.units.findOne({ district, _id: unitId, status: 'active' }).lean<UnitDocument>()) ?? undefined;
  }
}

function mappingId(district: string, key: string): string {
  return stableId('department-mapping', district, key);
}
