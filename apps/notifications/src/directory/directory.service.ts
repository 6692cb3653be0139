import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { MemberSnapshot, UnitSnapshot } from '@campaign/contracts';
import { applyIfNewer } from '../store/write-guards';
import { DIRECTORY_MEMBER, DirectoryMember, SECRETARY_POST } from './member.schema';
import { DIRECTORY_UNIT, DirectoryUnit } from './unit.schema';

/** The local read model of members and units, and the recipient look-ups rules need. */
@Injectable()
export class DirectoryService {
  constructor(
    @InjectModel(DIRECTORY_MEMBER) private readonly members: Model<DirectoryMember>,
    @InjectModel(DIRECTORY_UNIT) private readonly units: Model<DirectoryUnit>,
  ) {}

  applyMember(district: string, member: MemberSnapshot): Promise<boolean> {
    return applyIfNewer(this.members, { district, memberId: member.memberId }, 'revision', member.revision, {
      name: member.name,
      unitId: member.unitId,
      unitPath: member.unitPath,
      posts: member.posts,
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
    for (const unit of units) await this.units.updateOne({ district, unitId: unit.unitId }, { $set: { path: reroot(unit.path) } });
    const members = await this.members.find({ district, unitPath: unitId }).lean();
    for (const member of members) await this.members.updateOne({ district, memberId: member.memberId }, { $set: { unitPath: reroot(member.unitPath) } });
  }

  member(district: string, memberId: string): Promise<DirectoryMember | null> {
    return this.members.findOne({ district, memberId }).lean<DirectoryMember>();
  }

  async unitName(district: string, unitId: string): Promise<string> {
    const unit = await this.units.findOne({ district, unitId }).lean<DirectoryUnit>();
    return unit?.name ?? unitId;
  }

  /** Active members in any of the units or below them. */
  membersUnder(district: string, unitIds: string[]): Promise<DirectoryMember[]> {
    if (unitIds.length === 0) return Promise.resolve([]);
    return this.members.find({ district, unitPath: { $in: unitIds }, status: 'active' }).sort({ memberId: 1 }).lean<DirectoryMember[]>();
  }

  /** A unit's admins are its active members holding a post (secretary, deputy secretary, committee member…). */
  async unitAdmins(district: string, unitIds: string[]): Promise<DirectoryMember[]> {
    if (unitIds.length === 0) return [];
    const members = await this.members.find({ district, unitId: { $in: unitIds }, status: 'active' }).sort({ memberId: 1 }).lean<DirectoryMember[]>();
    // "has any post" is filtered here: array-size queries are not portable to FerretDB 1.x.
    return members.filter((member) => member.posts.length > 0);
  }

  secretariesOf(district: string, unitId: string): Promise<DirectoryMember[]> {
    return this.members.find({ district, unitId, posts: SECRETARY_POST, status: 'active' }).lean<DirectoryMember[]>();
  }

  activeMembers(district: string, memberIds: string[]): Promise<DirectoryMember[]> {
    return this.members.find({ district, memberId: { $in: memberIds }, status: 'active' }).lean<DirectoryMember[]>();
  }
}
