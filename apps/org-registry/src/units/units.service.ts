import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Principal } from '@campaign/auth';
import { UnitClosed, UnitCreated, UnitMoved, UnitUpdated } from '@campaign/contracts';
import { EventPublisher, outboxFields, OutboxRelay, withOutbox } from '@campaign/messaging';
import { canWriteUnitPath, isWithinScope, pathFilter, unitScopeOf } from '../common/access';
import { escapeRegex, newId } from '../common/ids';
import { badRequest, conflict, forbidden, notFound } from '../i18n/problems';
import { Page } from '../common/paging.dto';
import { MEMBER, MemberDocument } from '../members/member.schema';
import { childPath, isInsideSubtree, rebasePath, unitSnapshotOf } from './unit-paths';
import { UNIT, UnitDocument } from './unit.schema';
import { CreateUnitDto, UnitQuery, UpdateUnitDto } from './unit.dto';
import { bulkWriteSafely, isDuplicateKey } from '@campaign/persistence';

const WRITE_BATCH = 1000;

export interface CreateUnitInput extends CreateUnitDto {
  /** Only for seeding: a caller-chosen stable id. */
  id?: string;
}

@Injectable()
export class UnitsService {
  constructor(
    @InjectModel(UNIT) private readonly units: Model<UnitDocument>,
    @InjectModel(MEMBER) private readonly members: Model<MemberDocument>,
    private readonly publisher: EventPublisher,
    private readonly relay: OutboxRelay,
  ) {}

  /** A unit the caller may see: 404 when the district has none (another district's is indistinguishable), 403 outside the caller's scope. */
  async visibleUnit(principal: Principal, unitId: string): Promise<UnitDocument> {
    const unit = await this.units.findOne({ district: principal.district, _id: unitId }).lean<UnitDocument>();
    if (!unit) throw notFound('unit.not-found', { unitId });
    if (!isWithinScope(unitScopeOf(principal), unit.path)) throw forbidden('unit.out-of-scope', { unitName: unit.name });
    return unit;
  }

  async writableUnit(principal: Principal, unitId: string): Promise<UnitDocument> {
    const unit = await this.visibleUnit(principal, unitId);
    if (!canWriteUnitPath(principal, unit.path)) throw forbidden('unit.read-only', { unitName: unit.name });
    return unit;
  }

  async create(principal: Principal, input: CreateUnitInput): Promise<UnitDocument> {
    const district = principal.district;
    let parentPath: string[] | null = null;
    if (input.parentId) {
      const parent = await this.writableUnit(principal, input.parentId);
      if (parent.status !== 'active') throw conflict('unit.closed', { unitName: parent.name });
      parentPath = parent.path;
    } else if (!principal.roles.includes('district-admin')) {
      throw forbidden('unit.root-needs-district-admin');
    }
    const id = input.id ?? newId();
    const unit: UnitDocument = {
      _id: id,
      district,
      code: input.code ?? id,
      name: input.name,
      kind: input.kind,
      parentId: input.parentId ?? null,
      path: childPath(parentPath, id),
      systemIds: [],
      status: 'active',
      revision: 1,
    };
    const envelope = this.publisher.envelope(UnitCreated, { unit: unitSnapshotOf(unit) }, district);
    try {
      await this.units.create({ ...unit, ...outboxFields(envelope) });
    } catch (error) {
      if (isDuplicateKey(error)) throw conflict('unit.code-taken', { code: unit.code });
      throw error;
    }
    this.relay.kick();
    return unit;
  }

  /**
   * Creates many units in one unordered bulk insert, each with its UnitCreated event; parents come before their
   * children in `inputs` or exist already. Units whose id exists are left as they are (seeding is idempotent).
   */
  async createMany(district: string, inputs: (CreateUnitInput & { id: string })[]): Promise<number> {
    const existing = await this.units.find({ district, _id: { $in: inputs.map((u) => u.id) } }).select({ _id: 1 }).lean<UnitDocument[]>();
    const existingIds = new Set(existing.map((u) => u._id));
    const parentIds = [...new Set(inputs.map((u) => u.parentId).filter((id): id is string => Boolean(id)))];
    const paths = new Map(
      (await this.units.find({ district, _id: { $in: parentIds } }).select({ _id: 1, path: 1 }).lean<UnitDocument[]>()).map((u) => [u._id, u.path]),
    );
    const documents = [];
    for (const input of inputs) {
      const parentPath = input.parentId ? paths.get(input.parentId) : null;
      if (parentPath === undefined) throw badRequest('unit.parent-missing', { unitName: input.name, parentId: String(input.parentId) }, 'parentId');
      const unit: UnitDocument = {
        _id: input.id,
        district,
        code: input.code ?? input.id,
        name: input.name,
        kind: input.kind,
        parentId: input.parentId ?? null,
        path: childPath(parentPath, input.id),
        systemIds: [],
        status: 'active',
        revision: 1,
      };
      paths.set(unit._id, unit.path);
      if (existingIds.has(unit._id)) continue;
      documents.push({ ...unit, ...outboxFields(this.publisher.envelope(UnitCreated, { unit: unitSnapshotOf(unit) }, district)) });
    }
    for (let i = 0; i < documents.length; i += WRITE_BATCH) await this.units.insertMany(documents.slice(i, i + WRITE_BATCH), { ordered: false });
    if (documents.length > 0) this.relay.kick();
    return documents.length;
  }

  async update(principal: Principal, unitId: string, changes: UpdateUnitDto): Promise<UnitDocument> {
    const unit = await this.writableUnit(principal, unitId);
    const next: UnitDocument = { ...unit, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
    if (next.name === unit.name && next.kind === unit.kind && next.code === unit.code) return unit;
    next.revision = unit.revision + 1;
    const envelope = this.publisher.envelope(UnitUpdated, { unit: unitSnapshotOf(next) }, unit.district);
    try {
      await this.guardedWrite(unit, withOutbox({ $set: { name: next.name, kind: next.kind, code: next.code }, $inc: { revision: 1 } }, envelope));
    } catch (error) {
      if (isDuplicateKey(error)) throw conflict('unit.code-taken', { code: next.code });
      throw error;
    }
    return next;
  }

  /** Keeps the systems each unit belongs to on the unit itself, announcing each change; one bulk write for all units. */
  async setSystems(district: string, systemIdsByUnit: Map<string, string[]>): Promise<void> {
    const units = await this.units.find({ district, _id: { $in: [...systemIdsByUnit.keys()] } }).lean<UnitDocument[]>();
    const operations = units.flatMap((unit) => {
      const sorted = [...new Set(systemIdsByUnit.get(unit._id))].sort();
      if (JSON.stringify([...unit.systemIds].sort()) === JSON.stringify(sorted)) return [];
      const envelope = this.publisher.envelope(UnitUpdated, { unit: unitSnapshotOf({ ...unit, systemIds: sorted, revision: unit.revision + 1 }) }, district);
      return [{ updateOne: { filter: { district, _id: unit._id, revision: unit.revision }, update: withOutbox({ $set: { systemIds: sorted }, $inc: { revision: 1 } }, envelope) } }];
    });
    if (operations.length === 0) return;
    const result = await bulkWriteSafely(this.units, operations, { ordered: false });
    this.relay.kick();
    if (result.matchedCount !== operations.length) throw conflict('units.changed-concurrently');
  }

  /**
   * Moves a unit and its subtree. The unit's own write carries the UnitMoved event; descendants and the members
   * of the subtree are rewritten in bulk (consumers rewrite paths by prefix from the one event, so they get none).
   */
  async move(principal: Principal, unitId: string, newParentId: string): Promise<UnitDocument> {
    const unit = await this.writableUnit(principal, unitId);
    const parent = await this.writableUnit(principal, newParentId);
    if (isInsideSubtree(parent.path, unit._id)) throw badRequest('unit.move-into-own-subtree', { unitName: unit.name }, 'parentId');
    if (unit.status !== 'active' || parent.status !== 'active') throw conflict('unit.move-needs-active');
    if (unit.parentId === parent._id) return unit;
    const district = unit.district;
    const newPath = childPath(parent.path, unit._id);
    const moved: UnitDocument = { ...unit, parentId: parent._id, path: newPath, revision: unit.revision + 1 };
    const envelope = this.publisher.envelope(
      UnitMoved,
      { unit: unitSnapshotOf(moved), previousParentId: unit.parentId, previousPath: unit.path },
      district,
    );
    await this.guardedWrite(unit, withOutbox({ $set: { parentId: parent._id, path: newPath }, $inc: { revision: 1 } }, envelope));
    await this.rebaseSubtree(district, unit._id, newPath);
    return moved;
  }

  /** Rewrites every descendant's path and every subtree member's unit path after `unitId` got `newPath`. */
  private async rebaseSubtree(district: string, unitId: string, newPath: string[]): Promise<void> {
    const subtree = await this.units.find({ district, path: unitId }).select({ _id: 1, path: 1 }).lean<Pick<UnitDocument, '_id' | 'path'>[]>();
    const newPaths = new Map(subtree.map((u) => [u._id, u._id === unitId ? newPath : rebasePath(u.path, unitId, newPath)]));
    // Each path ends with the unit's own id, so siblings cannot share one updateMany: one bulkWrite batch instead.
    const descendantUpdates = subtree
      .filter((u) => u._id !== unitId)
      .map((u) => ({ updateOne: { filter: { district, _id: u._id }, update: { $set: { path: newPaths.get(u._id) }, $inc: { revision: 1 } } } }));
    for (let i = 0; i < descendantUpdates.length; i += WRITE_BATCH) {
      await bulkWriteSafely(this.units, descendantUpdates.slice(i, i + WRITE_BATCH), { ordered: false });
    }
    // All members of one unit share its path: one updateMany per affected unit.
    const memberUpdates = subtree.map((u) => ({
      updateMany: { filter: { district, unitId: u._id }, update: { $set: { unitPath: newPaths.get(u._id) }, $inc: { revision: 1 } } },
    }));
    for (let i = 0; i < memberUpdates.length; i += WRITE_BATCH) {
      await bulkWriteSafely(this.members, memberUpdates.slice(i, i + WRITE_BATCH), { ordered: false });
    }
  }

  /** Closes a unit that has no active child units and no active members; nothing is ever deleted. */
  async close(principal: Principal, unitId: string): Promise<UnitDocument> {
    const unit = await this.writableUnit(principal, unitId);
    if (unit.status === 'closed') return unit;
    const district = unit.district;
    const activeChildren = await this.units.countDocuments({ district, parentId: unitId, status: 'active' });
    if (activeChildren > 0) throw conflict('unit.has-active-children', { unitName: unit.name, count: activeChildren });
    const activeMembers = await this.members.countDocuments({ district, unitId, status: 'active' });
    if (activeMembers > 0) throw conflict('unit.has-active-members', { unitName: unit.name, count: activeMembers });
    const closedAt = new Date();
    const closed: UnitDocument = { ...unit, status: 'closed', closedAt, revision: unit.revision + 1 };
    const envelope = this.publisher.envelope(UnitClosed, { unit: unitSnapshotOf(closed), closedAt: closedAt.toISOString() }, district);
    await this.guardedWrite(unit, withOutbox({ $set: { status: 'closed', closedAt }, $inc: { revision: 1 } }, envelope));
    return closed;
  }

  async list(principal: Principal, query: UnitQuery): Promise<Page<UnitDocument>> {
    const scope = pathFilter(unitScopeOf(principal), 'path');
    if (!scope) return { items: [], total: 0, limit: query.limit, offset: query.offset };
    const clauses: Record<string, unknown>[] = [{ district: principal.district }, scope];
    if (query.subtreeOf) clauses.push({ path: (await this.visibleUnit(principal, query.subtreeOf))._id });
    if (query.kind) clauses.push({ kind: query.kind });
    if (query.status) clauses.push({ status: query.status });
    if (query.name) clauses.push({ name: { $regex: escapeRegex(query.name) } });
    const filter = { $and: clauses };
    const [items, total] = await Promise.all([
      this.units.find(filter).sort({ name: 1, _id: 1 }).skip(query.offset).limit(query.limit).lean<UnitDocument[]>(),
      this.units.countDocuments(filter),
    ]);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /** Compare-and-set on the revision the change was computed from, so a concurrent change is refused, not lost. */
  private async guardedWrite(unit: UnitDocument, update: Record<string, unknown>): Promise<void> {
    const result = await this.units.updateOne({ district: unit.district, _id: unit._id, revision: unit.revision }, update);
    if (result.matchedCount === 0) throw conflict('unit.changed-concurrently', { unitName: unit.name });
    this.relay.kick();
  }
}
