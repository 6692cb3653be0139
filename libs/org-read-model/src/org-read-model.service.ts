import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AnyBulkWriteOperation, Model } from 'mongoose';
import { MemberRole, MemberSnapshot, PayloadOf, SystemChanged, UnitSnapshot } from '@campaign/contracts';
import { bulkWriteSafely, insertNew, withDocumentLocks } from '@campaign/persistence';
import { ORG_MEMBER, ORG_READ_MODEL_OPTIONS, ORG_SYSTEM, ORG_UNIT, OrgApplyOutcome, OrgReadModelOptions } from './org-read-model.options';
import { OrgRecordKeys } from './org-record-keys';
import { saveIfNewer } from './revision-guard';

/** The fields every read model's path rewrite and look-ups rely on, whatever else a service keeps. */
interface StoredUnit {
  parentId: string | null;
  path: string[];
}

/** What an event adds to a member's snapshot: the day it left, the unit it left on a transfer. */
export interface MemberChange {
  leftOn?: string;
  transferredFrom?: { unitId: string; until: string };
}

/** The indexed key of a role held in a unit: a read model answers "secretaries of these units" by equality on it. */
export function roleKey(role: MemberRole, unitId: string): string {
  return `${role}@${unitId}`;
}

/**
 * The local copy of org-registry's tree, members and systems. Each record is applied only when its revision is newer
 * (under its document lock); paths are derived from the stored parents, so any delivery order converges on one tree.
 */
@Injectable()
export class OrgReadModelService {
  private readonly unitKeys: OrgRecordKeys;
  private readonly memberKeys: OrgRecordKeys;
  private readonly systemKeys: OrgRecordKeys;

  constructor(
    @Inject(ORG_READ_MODEL_OPTIONS) private readonly options: OrgReadModelOptions,
    @InjectModel(ORG_UNIT) private readonly units: Model<StoredUnit>,
    @InjectModel(ORG_MEMBER) private readonly members: Model<unknown>,
    @Optional() @InjectModel(ORG_SYSTEM) private readonly systems?: Model<unknown>,
  ) {
    this.unitKeys = new OrgRecordKeys(options.key, 'unitId');
    this.memberKeys = new OrgRecordKeys(options.key, 'memberId');
    this.systemKeys = new OrgRecordKeys(options.key, 'systemId');
  }

  private locked<M, T>(model: Model<M>, keys: OrgRecordKeys, district: string, id: string, work: () => Promise<T>): Promise<T> {
    return withDocumentLocks(model.db, model.collection.name, [keys.lockId(district, id)], work);
  }

  private async unitPath(district: string, unitId: string): Promise<string[] | undefined> {
    const unit = await this.unitKeys.scoped(this.units.findOne(this.unitKeys.filter(district, unitId)).select('path')).lean<StoredUnit>().exec();
    return unit?.path;
  }

  async applyUnit(district: string, unit: UnitSnapshot): Promise<OrgApplyOutcome> {
    const kept = this.options.units ?? {};
    let heldPath: string[] | undefined;
    const outcome = await this.locked(this.units, this.unitKeys, district, unit.unitId, async () => {
      heldPath = await this.unitPath(district, unit.unitId);
      return saveIfNewer(this.units, this.unitKeys, district, unit.unitId, unit.revision, {
        name: unit.name,
        ...(kept.kind ? { kind: unit.kind } : {}),
        parentId: unit.parentId,
        path: unit.path,
        ...(kept.systemIds ? { systemIds: unit.systemIds } : {}),
        status: unit.status,
      });
    });
    if (outcome === 'created' || outcome === 'updated') await this.reconcilePaths(district, unit.unitId, heldPath);
    return outcome;
  }

  /**
   * Re-derives the unit's path from its stored parent, then rewrites every descendant's path and its members' with
   * the new prefix; computed here because FerretDB 1.x has no pipeline updates. Only paths that differ from what was
   * held are written, a descendant's only while it still runs through the unit. Members are rewritten per unit (one
   * update each), and one by one only where their unit is not held; a unit seen for the first time (`heldPath`
   * undefined) also fixes members that arrived before it.
   */
  private async reconcilePaths(district: string, unitId: string, heldPath: string[] | undefined): Promise<void> {
    const keys = this.unitKeys;
    const unit = await keys.scoped(this.units.findOne(keys.filter(district, unitId))).lean<StoredUnit>().exec();
    if (!unit) return;
    const parentPath = unit.parentId ? await this.unitPath(district, unit.parentId) : undefined;
    const path = parentPath ? [...parentPath, unitId] : unit.parentId ? unit.path : [unitId];
    const descendants = await this.units.find({ district, path: unitId, [keys.idPath]: { $ne: unitId } }).lean<StoredUnit[]>().exec();
    const reroot = (old: string[]) => [...path, ...old.slice(old.indexOf(unitId) + 1)];
    const rewritten = [
      { id: unitId, from: heldPath, path },
      ...descendants.map((d) => ({ id: keys.idOf(d), from: d.path, path: reroot(d.path) })),
    ].filter(({ from, path: to }) => from?.join('/') !== to.join('/'));
    const unitWrites: AnyBulkWriteOperation<StoredUnit>[] = rewritten
      .filter(({ id, path: to }) => id !== unitId || unit.path.join('/') !== to.join('/'))
      .map(({ id, path: to }) => ({
        updateOne: { filter: { district, [keys.idPath]: id, ...(id === unitId ? {} : { path: unitId }) }, update: { $set: { path: to } } },
      }));
    if (unitWrites.length) await bulkWriteSafely(this.units, unitWrites, { ordered: false });
    const memberWrites: AnyBulkWriteOperation<{ unitPath: string[] }>[] = rewritten.map(({ id, path: to }) => ({
      updateMany: { filter: { district, unitId: id }, update: { $set: { unitPath: to } } },
    }));
    const heldUnitIds = [unitId, ...descendants.map((d) => keys.idOf(d))];
    const moved = heldPath !== undefined && heldPath.join('/') !== path.join('/');
    const strays = moved ? await this.members.find({ district, unitPath: unitId, unitId: { $nin: heldUnitIds } }).lean<{ _id: unknown; unitPath: string[] }[]>().exec() : [];
    for (const stray of strays) memberWrites.push({ updateOne: { filter: { district, _id: stray._id, unitPath: unitId }, update: { $set: { unitPath: reroot(stray.unitPath) } } } });
    if (memberWrites.length) await bulkWriteSafely(this.members as Model<{ unitPath: string[] }>, memberWrites, { ordered: false });
  }

  /** What this service keeps of a member: its unit's path as this read model has it, when it has the unit. */
  private memberFields(member: MemberSnapshot, unitPath: string[] | undefined, change: MemberChange = {}): Record<string, unknown> {
    const kept = this.options.members ?? {};
    const roles = member.roles ?? [];
    const leftOn = member.status === 'active' ? null : (member.leftAt ?? change.leftOn);
    return {
      ...(kept.externalId ? { externalId: member.externalId } : {}),
      name: member.name,
      unitId: member.unitId,
      unitPath: unitPath ?? member.unitPath,
      ...(kept.posts ? { posts: member.posts } : {}),
      ...(kept.roles ? { roles, roleKeys: roles.map((held) => roleKey(held.role, held.unitId)) } : {}),
      ...(kept.leaderFlags ? { isLeader: member.isLeader, isKeyPost: member.isKeyPost } : {}),
      status: member.status,
      ...(kept.joinedOn && member.joinedAt ? { joinedOn: member.joinedAt } : {}),
      // An inactive member whose leave day neither the snapshot nor the event names keeps the day already held.
      ...(kept.leftOn && leftOn !== undefined ? { leftOn } : {}),
      ...(kept.contacts ? { contacts: member.contacts } : {}),
    };
  }

  /**
   * Applies a member's snapshot when newer. The leave day and the earlier unit an event names are recorded whatever the
   * snapshot's revision, so a late leave or transfer event still records them (a leave day only on an inactive member).
   */
  async applyMember(district: string, member: MemberSnapshot, change: MemberChange = {}): Promise<OrgApplyOutcome> {
    const keys = this.memberKeys;
    const kept = this.options.members ?? {};
    const unitPath = await this.unitPath(district, member.unitId);
    return this.locked(this.members, keys, district, member.memberId, async () => {
      const outcome = await saveIfNewer(this.members, keys, district, member.memberId, member.revision, this.memberFields(member, unitPath, change));
      if (kept.leftOn && change.leftOn && outcome === 'stale') {
        await keys.scoped(this.members.updateOne({ ...keys.filter(district, member.memberId), status: { $ne: 'active' }, leftOn: null }, { $set: { leftOn: change.leftOn } })).exec();
      }
      if (kept.previousUnits && change.transferredFrom) {
        const { unitId, until } = change.transferredFrom;
        await keys.scoped(this.members.updateOne(keys.filter(district, member.memberId), { $addToSet: { previousUnits: { unitId, until: new Date(until) } } })).exec();
      }
      return outcome;
    });
  }

  /**
   * Enrols members not held yet in one insert (an HR import's thousands); returns those already held (a redelivery, or a
   * later revision that came first), which the caller applies one by one like any other change.
   */
  async enrolMembers(district: string, members: MemberSnapshot[]): Promise<MemberSnapshot[]> {
    const paths = new Map<string, Promise<string[] | undefined>>();
    const pathOf = (unitId: string) => {
      const path = paths.get(unitId) ?? this.unitPath(district, unitId);
      paths.set(unitId, path);
      return path;
    };
    const documents = await Promise.all(
      members.map(async (member) => ({
        ...this.memberKeys.document(district, member.memberId),
        ...this.memberFields(member, await pathOf(member.unitId)),
        revision: member.revision,
      })),
    );
    const { duplicates } = await insertNew(this.members, documents);
    const held = new Set(duplicates);
    return members.filter((_, index) => held.has(documents[index]));
  }

  /** Only a service configured with a systems collection consumes system changes. */
  async applySystem(district: string, system: PayloadOf<typeof SystemChanged>): Promise<OrgApplyOutcome> {
    const systems = this.systems as Model<unknown>;
    const { systemId, name, leadUnitId, unitIds, revision } = system;
    return this.locked(systems, this.systemKeys, district, systemId, () =>
      saveIfNewer(systems, this.systemKeys, district, systemId, revision, { name, leadUnitId, unitIds }),
    );
  }

  async clearDistrict(district: string): Promise<void> {
    await Promise.all([this.units.deleteMany({ district }), this.members.deleteMany({ district }), this.systems?.deleteMany({ district })]);
  }
}
