import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { ORG_MEMBER, ORG_UNIT, roleKey } from '@campaign/org-read-model';
import { Audience } from '../rules/triggers';
import { audienceQuery, AudienceScope, inAudience } from '../rules/audiences';
import { DirectoryMember } from './member.schema';
import { DirectoryUnit } from './unit.schema';

/** The recipient look-ups rules need, on the local read model of members and units (`directoryReadModel`). */
@Injectable()
export class DirectoryService {
  constructor(
    @InjectModel(ORG_MEMBER) private readonly members: Model<DirectoryMember>,
    @InjectModel(ORG_UNIT) private readonly units: Model<DirectoryUnit>,
  ) {}

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
