import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { MemberSnapshot, UnitSnapshot } from '@campaign/contracts';
import { Audience } from '../rules/triggers';
import { audienceQuery, AudienceScope, inAudience, roleKey } from '../rules/audiences';
import { applyIfNewer } from '../store/write-guards';
import { DIRECTORY_MEMBER, DirectoryMember } from './member.schema';
import { DIRECTORY_UNIT, DirectoryUnit } from './unit.schema';

/** The local read model of members and units, and the recipient look-ups rules need. */
@Injectable()
export class DirectoryService {
  constructor(
    @InjectModel(DIRECTORY_MEMBER) private readonly members: Model<DirectoryMember>,
    @InjectModel(DIRECTORY_UNIT) private readonly units: Model<DirectoryUnit>,
  ) {}

  applyMember(district: string, member: MemberSnapshot): Promise<boolean> {
    const roles = member.roles ?? [];
    return applyIfNewer(this.members, { district, memberId: member.memberId }, 'revision', member.revision, {
      name: member.name,
      unitId: member.unitId,
      unitPath: member.unitPath,
      posts: member.posts,
      roles,
      roleKeys: roles.map((held) => roleKey(held.role, held.unitId)),
      status: member.status,
      contacts: member.contacts,
    });
  }

  applyUnit(district: string, unit: UnitSnapshot): Promise<boolean> {
    return applyIfNewer(this.units, { district, unitId: unit.unitId }, 'revision', unit.revision, {
      name: unit.name,
      parentId: unit.parentId,
      path: unit.path,
      status: unit.status,
    });
  }

  /** Descendants follow a moved unit: every path through it gets the unit's new ancestors. */
  async rewritePathsUnder(district: string, unitId: string, newPath: string[]): Promise<void> {
    const reroot = (path: string[]) => [...newPath, ...path.slice(path.indexOf(unitId) + 1)];
    const units = await this.units.find({ district, path: unitId, unitId: { $ne: unitId } }).lean();
    for (const unit of units) {
      // Only a path still through the unit when written: a unit or member that left it meanwhile keeps its own.
      if (unit.path.includes(unitId)) await this.units.updateOne({ district, unitId: unit.unitId, path: unitId }, { $set: { path: reroot(unit.path) } });
    }
    const members = await this.members.find({ district, unitPath: unitId }).lean();
    for (const member of members) {
      if (member.unitPath.includes(unitId)) await this.members.updateOne({ district, memberId: member.memberId, unitPath: unitId }, { $set: { unitPath: reroot(member.unitPath) } });
    }
  }

  member(district: string, memberId: string): Promise<DirectoryMember | null> {
    return this.members.findOne({ district, memberId }).lean<DirectoryMember>();
  }

  async unitName(district: string, unitId: string): Promise<string> {
    const unit = await this.units.findOne({ district, unitId }).lean<DirectoryUnit>();
    return unit?.name ?? unitId;
  }

  /** Names of the units and members a response mentions, each looked up once. */
  async names(district: string, ids: { unitIds: string[]; memberIds: string[] }): Promise<{ units: Map<string, string>; members: Map<string, DirectoryMember> }> {
    const unitIds = [...new Set(ids.unitIds)];
    const memberIds = [...new Set(ids.memberIds)];
    const [units, members] = await Promise.all([
      unitIds.length ? this.units.find({ district, unitId: { $in: unitIds } }).lean<DirectoryUnit[]>() : [],
      memberIds.length ? this.members.find({ district, memberId: { $in: memberIds } }).lean<DirectoryMember[]>() : [],
    ]);
    return { units: new Map(units.map((unit) => [unit.unitId, unit.name])), members: new Map(members.map((member) => [member.memberId, member])) };
  }

  /**
   * The active members a rule's audience names for what an event is about. The store is asked by equality on indexed
   * fields (member ids, unit paths, role keys); the audience rule itself decides who is in.
   */
  async audience(district: string, audience: Audience, scope: AudienceScope): Promise<DirectoryMember[]> {
    const query = audienceQuery(audience, scope);
    const roleKeys = query.roles.flatMap((role) => query.roleUnitIds.map((unitId) => roleKey(role, unitId)));
    // One equality query per value rather than one $in: the store answers top-level equalities from its indexes.
    const found = await Promise.all([
      ...query.memberIds.map((memberId) => this.members.find({ district, memberId }).lean<DirectoryMember[]>()),
      ...query.subtreesOf.map((unitId) => this.members.find({ district, unitPath: unitId, status: 'active' }).lean<DirectoryMember[]>()),
      ...roleKeys.map((key) => this.members.find({ district, roleKeys: key, status: 'active' }).lean<DirectoryMember[]>()),
    ]);
    const unique = new Map(found.flat().map((member) => [member.memberId, member]));
    return [...unique.values()].filter((member) => inAudience(member, query)).sort((a, b) => a.memberId.localeCompare(b.memberId));
  }

  activeMembers(district: string, memberIds: string[]): Promise<DirectoryMember[]> {
    return this.members.find({ district, memberId: { $in: memberIds }, status: 'active' }).lean<DirectoryMember[]>();
  }
}
