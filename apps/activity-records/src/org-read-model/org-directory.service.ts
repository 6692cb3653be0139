import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { ORG_MEMBER, ORG_SYSTEM, ORG_UNIT } from '@campaign/org-read-model';
import { OrgMember, OrgSystem, OrgUnit } from './org-read-model.schemas';

export interface MemberFilter {
  /** Members anywhere in this unit's subtree. */
  unitId?: string;
  /** Members of units in this system (and those units' subtrees). */
  systemId?: string;
  leadersOnly?: boolean;
  keyPostsOnly?: boolean;
  /** Limits the result to these subtree roots (a unit admin's scope). */
  withinUnits?: string[];
}

/** Reads of the organisation read model: what validation and access checks need, never a call to org-registry. */
@Injectable()
export class OrgDirectoryService {
  constructor(
    @InjectModel(ORG_UNIT) private readonly units: Model<OrgUnit>,
    @InjectModel(ORG_MEMBER) private readonly members: Model<OrgMember>,
    @InjectModel(ORG_SYSTEM) private readonly systems: Model<OrgSystem>,
  ) {}

  unit(district: string, unitId: string): Promise<OrgUnit | null> {
    return this.units.findOne({ district, _id: unitId }).lean<OrgUnit>().exec();
  }

  unitsByIds(district: string, unitIds: string[]): Promise<OrgUnit[]> {
    return unitIds.length ? this.units.find({ district, _id: { $in: unitIds } }).lean<OrgUnit[]>().exec() : Promise.resolve([]);
  }

  member(district: string, memberId: string): Promise<OrgMember | null> {
    return this.members.findOne({ district, _id: memberId }).lean<OrgMember>().exec();
  }

  membersByIds(district: string, memberIds: string[]): Promise<OrgMember[]> {
    return this.members.find({ district, _id: { $in: memberIds } }).lean<OrgMember[]>().exec();
  }

  activeMembersUnder(district: string, unitIds: string[]): Promise<OrgMember[]> {
    return this.members.find({ district, status: 'active', unitPath: { $in: unitIds } }).lean<OrgMember[]>().exec();
  }

  membersByExternalIds(district: string, externalIds: string[]): Promise<OrgMember[]> {
    return this.members.find({ district, externalId: { $in: externalIds } }).lean<OrgMember[]>().exec();
  }

  childUnits(district: string, parentId: string): Promise<OrgUnit[]> {
    return this.units.find({ district, parentId, status: 'active' }).sort({ name: 1 }).lean<OrgUnit[]>().exec();
  }

  async subtreeUnitIds(district: string, unitId: string): Promise<string[]> {
    const units = await this.units.find({ district, path: unitId }).select('_id').lean<Pick<OrgUnit, '_id'>[]>().exec();
    return units.map((unit) => unit._id);
  }

  activeUnitsWithParent(district: string): Promise<OrgUnit[]> {
    return this.units.find({ district, status: 'active', parentId: { $ne: null } }).lean<OrgUnit[]>().exec();
  }

  unitsOfKind(district: string, kind: string): Promise<OrgUnit[]> {
    return this.units.find({ district, status: 'active', kind }).lean<OrgUnit[]>().exec();
  }

  activeMembers(district: string): Promise<OrgMember[]> {
    return this.members.find({ district, status: 'active' }).lean<OrgMember[]>().exec();
  }

  activeMembersOfUnit(district: string, unitId: string): Promise<OrgMember[]> {
    return this.members.find({ district, status: 'active', unitId }).sort({ name: 1 }).lean<OrgMember[]>().exec();
  }

  /** Units named by the system itself or whose snapshot lists the system. */
  async unitIdsInSystem(district: string, systemId: string): Promise<string[]> {
    const [system, tagged] = await Promise.all([
      this.systems.findOne({ district, _id: systemId }).lean<OrgSystem>().exec(),
      this.units.find({ district, systemIds: systemId }).select('_id').lean<Pick<OrgUnit, '_id'>[]>().exec(),
    ]);
    return [...new Set([...(system?.unitIds ?? []), ...tagged.map((unit) => unit._id)])];
  }

  async findActiveMembers(district: string, filter: MemberFilter): Promise<OrgMember[]> {
    const clauses: FilterQuery<OrgMember>[] = [{ district }, { status: 'active' }];
    if (filter.unitId) clauses.push({ unitPath: filter.unitId });
    if (filter.systemId) clauses.push({ unitPath: { $in: await this.unitIdsInSystem(district, filter.systemId) } });
    if (filter.leadersOnly) clauses.push({ isLeader: true });
    if (filter.keyPostsOnly) clauses.push({ isKeyPost: true });
    if (filter.withinUnits) clauses.push({ unitPath: { $in: filter.withinUnits } });
    return this.members.find({ $and: clauses }).lean<OrgMember[]>().exec();
  }
}

/** The unit a member belonged to at a moment: the earliest stint that ended after it, else the current unit. */
export function unitAt(member: Pick<OrgMember, 'unitId' | 'previousUnits'>, at: Date): string {
  const stints = [...(member.previousUnits ?? [])].sort((a, b) => new Date(a.until).getTime() - new Date(b.until).getTime());
  return stints.find((stint) => new Date(stint.until).getTime() > at.getTime())?.unitId ?? member.unitId;
}
