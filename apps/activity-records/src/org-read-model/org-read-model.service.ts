import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AnyBulkWriteOperation, Model } from 'mongoose';
import { MemberSnapshot, UnitSnapshot } from '@campaign/contracts';
import { ORG_MEMBER, ORG_SYSTEM, ORG_UNIT, OrgMember, OrgSystem, OrgUnit } from './org-read-model.schemas';
import { bulkWriteSafely, insertNew } from '@campaign/persistence';

const DUPLICATE_KEY = 11000;

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === DUPLICATE_KEY;
}

export interface SystemSnapshot {
  systemId: string;
  name: string;
  leadUnitId: string | null;
  unitIds: string[];
  revision: number;
}

/**
 * The local copy of org-registry's tree and members. Each aggregate is applied only when its revision is newer;
 * paths are derived from the stored parents, so any delivery order converges on the same tree.
 */
@Injectable()
export class OrgReadModelService {
  constructor(
    @InjectModel(ORG_UNIT) private readonly units: Model<OrgUnit>,
    @InjectModel(ORG_MEMBER) private readonly members: Model<OrgMember>,
    @InjectModel(ORG_SYSTEM) private readonly systems: Model<OrgSystem>,
  ) {}

  /** Upserts when newer; a stale revision finds no match and its upsert collides on `_id`, which is ignored. */
  private async upsertIfNewer<T>(model: Model<T>, district: string, id: string, revision: number, fields: Record<string, unknown>): Promise<boolean> {
    try {
      const result = await model.updateOne({ district, _id: id, revision: { $lt: revision } }, { $set: { ...fields, revision } }, { upsert: true });
      return result.modifiedCount + result.upsertedCount > 0;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async applyUnit(district: string, unit: UnitSnapshot): Promise<void> {
    const before = await this.units.findOne({ district, _id: unit.unitId }).select('_id').lean<Pick<OrgUnit, '_id'>>().exec();
    const applied = await this.upsertIfNewer(this.units, district, unit.unitId, unit.revision, {
      name: unit.name,
      kind: unit.kind,
      parentId: unit.parentId,
      path: unit.path,
      systemIds: unit.systemIds,
      status: unit.status,
    });
    if (applied) await this.reconcilePaths(district, unit.unitId, !before);
  }

  /**
   * Re-derives the unit's path from its stored parent, then rewrites every descendant's path (and its members')
   * with the new prefix; computed here because FerretDB 1.x has no pipeline updates. Only paths that differ are
   * written; a unit seen for the first time also fixes members that arrived before it.
   */
  async reconcilePaths(district: string, unitId: string, firstSeen: boolean): Promise<void> {
    const unit = await this.units.findOne({ district, _id: unitId }).lean<OrgUnit>().exec();
    if (!unit) return;
    const parent = unit.parentId ? await this.units.findOne({ district, _id: unit.parentId }).lean<OrgUnit>().exec() : null;
    const path = parent ? [...parent.path, unit._id] : unit.parentId ? unit.path : [unit._id];
    const descendants = await this.units.find({ district, path: unitId, _id: { $ne: unitId } }).lean<OrgUnit[]>().exec();
    const rewritten = [
      { id: unit._id, from: unit.path, path },
      ...descendants.map((d) => ({ id: d._id, from: d.path, path: [...path, ...d.path.slice(d.path.indexOf(unitId) + 1)] })),
    ].filter(({ id, from, path: to }) => (firstSeen && id === unitId) || from.join('/') !== to.join('/'));
    if (rewritten.length === 0) return;
    const unitWrites: AnyBulkWriteOperation<OrgUnit>[] = rewritten.map(({ id, path: to }) => ({
      updateOne: { filter: { district, _id: id }, update: { $set: { path: to } } },
    }));
    await bulkWriteSafely(this.units, unitWrites, { ordered: false });
    const memberWrites: AnyBulkWriteOperation<OrgMember>[] = rewritten.map(({ id, path: to }) => ({
      updateMany: { filter: { district, unitId: id }, update: { $set: { unitPath: to } } },
    }));
    await bulkWriteSafely(this.members, memberWrites, { ordered: false });
  }

  async applyMember(district: string, member: MemberSnapshot): Promise<void> {
    const unit = await this.units.findOne({ district, _id: member.unitId }).lean();
    await this.upsertIfNewer(this.members, district, member.memberId, member.revision, memberFields(member, unit?.path));
  }

  /**
   * Enrols members not held yet in one insert (an HR import's thousands); returns those already held (a redelivery, or a
   * later revision that came first), which the caller applies one by one like any other change.
   */
  async enrolMembers(district: string, members: MemberSnapshot[]): Promise<MemberSnapshot[]> {
    const paths = new Map<string, Promise<string[] | undefined>>();
    const pathOf = (unitId: string) => {
      const path = paths.get(unitId) ?? this.units.findOne({ district, _id: unitId }).lean().then((unit) => unit?.path);
      paths.set(unitId, path);
      return path;
    };
    const documents = await Promise.all(members.map(async (member) => ({ _id: member.memberId, district, ...memberFields(member, await pathOf(member.unitId)), revision: member.revision })));
    const { duplicates } = await insertNew(this.members, documents);
    const held = new Set(duplicates);
    return members.filter((_, index) => held.has(documents[index]));
  }

  /** The day a member left, from the leave event (its snapshot may not name it); independent of the snapshot's revision. */
  async recordLeaving(district: string, memberId: string, leftOn: string): Promise<void> {
    await this.members.updateOne({ district, _id: memberId }, { $set: { leftOn } });
  }

  /** History is independent of the snapshot's revision, so a late transfer event still records the earlier unit. */
  async recordTransfer(district: string, memberId: string, fromUnitId: string, effectiveAt: string): Promise<void> {
    await this.members.updateOne({ district, _id: memberId }, { $addToSet: { previousUnits: { unitId: fromUnitId, until: new Date(effectiveAt) } } });
  }

  async applySystem(district: string, system: SystemSnapshot): Promise<void> {
    await this.upsertIfNewer(this.systems, district, system.systemId, system.revision, {
      name: system.name,
      leadUnitId: system.leadUnitId,
      unitIds: system.unitIds,
    });
  }

  async clearDistrict(district: string): Promise<void> {
    await Promise.all([this.units.deleteMany({ district }), this.members.deleteMany({ district }), this.systems.deleteMany({ district })]);
  }
}

/** What activity-records keeps of a member: its unit's path as this read model has it, when it has the unit. */
function memberFields(member: MemberSnapshot, unitPath: string[] | undefined) {
  return {
    externalId: member.externalId,
    name: member.name,
    unitId: member.unitId,
    unitPath: unitPath ?? member.unitPath,
    posts: member.posts,
    isLeader: member.isLeader,
    isKeyPost: member.isKeyPost,
    status: member.status,
    ...(member.joinedAt ? { joinedOn: member.joinedAt } : {}),
    ...(member.leftAt ? { leftOn: member.leftAt } : {}),
  };
}
