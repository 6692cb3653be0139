import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { SystemChanged } from '@campaign/contracts';
import { EventPublisher, outboxFields, OutboxRelay, withOutbox } from '@campaign/messaging';
import { isDuplicateKey } from '@campaign/persistence';
import { newId } from '../common/ids';
import { badRequest, conflict, notFound } from '../i18n/problems';
import { MEMBER, MemberDocument } from '../members/member.schema';
import { UNIT, UnitDocument } from '../units/unit.schema';
import { UnitsService } from '../units/units.service';
import { CreateSystemDto, UpdateSystemDto } from './system.dto';
import { ORG_SYSTEM, SystemDocument } from './system.schema';

@Injectable()
export class SystemsService {
  constructor(
    @InjectModel(ORG_SYSTEM) private readonly systems: Model<SystemDocument>,
    @InjectModel(UNIT) private readonly unitModel: Model<UnitDocument>,
    @InjectModel(MEMBER) private readonly members: Model<MemberDocument>,
    private readonly units: UnitsService,
    private readonly publisher: EventPublisher,
    private readonly relay: OutboxRelay,
  ) {}

  async list(district: string): Promise<SystemDocument[]> {
    return this.systems.find({ district }).sort({ name: 1 }).lean<SystemDocument[]>();
  }

  async get(district: string, systemId: string): Promise<SystemDocument> {
    const system = await this.systems.findOne({ district, _id: systemId }).lean<SystemDocument>();
    if (!system) throw notFound('system.not-found', { systemId });
    return system;
  }

  async create(district: string, input: CreateSystemDto, id = newId()): Promise<SystemDocument> {
    const system: SystemDocument = {
      _id: id,
      district,
      code: input.code ?? id,
      name: input.name,
      leadUnitId: input.leadUnitId ?? null,
      unitIds: [...new Set([...(input.unitIds ?? []), ...(input.leadUnitId ? [input.leadUnitId] : [])])],
      guidanceGroup: input.guidanceGroup ?? [],
      revision: 1,
    };
    await this.assertReferencesExist(district, system);
    try {
      await this.systems.create({ ...system, ...outboxFields(this.changedEvent(system)) });
    } catch (error) {
      if (isDuplicateKey(error)) throw conflict('system.code-taken', { code: system.code });
      throw error;
    }
    this.relay.kick();
    await this.syncUnitMemberships(district, system._id, [], system.unitIds);
    return system;
  }

  async update(district: string, systemId: string, changes: UpdateSystemDto): Promise<SystemDocument> {
    const current = await this.get(district, systemId);
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const next: SystemDocument = { ...current, ...defined };
    if (next.leadUnitId && !next.unitIds.includes(next.leadUnitId)) next.unitIds = [...next.unitIds, next.leadUnitId];
    next.unitIds = [...new Set(next.unitIds)];
    const fields = ['name', 'leadUnitId', 'unitIds', 'guidanceGroup'] as const;
    if (fields.every((field) => JSON.stringify(current[field]) === JSON.stringify(next[field]))) return current;
    await this.assertReferencesExist(district, next);
    next.revision = current.revision + 1;
    const $set = Object.fromEntries(fields.map((field) => [field, next[field]]));
    const result = await this.systems.updateOne(
      { district, _id: systemId, revision: current.revision },
      withOutbox({ $set, $inc: { revision: 1 } }, this.changedEvent(next)),
    );
    if (result.matchedCount === 0) throw conflict('system.changed-concurrently', { systemName: current.name });
    this.relay.kick();
    await this.syncUnitMemberships(district, systemId, current.unitIds, next.unitIds);
    return next;
  }

  private changedEvent(system: SystemDocument) {
    return this.publisher.envelope(
      SystemChanged,
      { systemId: system._id, name: system.name, leadUnitId: system.leadUnitId, unitIds: system.unitIds, revision: system.revision },
      system.district,
    );
  }

  /** Units carry the ids of their systems (in their snapshots), so joining or leaving a system updates the unit. */
  private async syncUnitMemberships(district: string, systemId: string, before: string[], after: string[]): Promise<void> {
    const touched = [...new Set([...before, ...after])].filter((unitId) => before.includes(unitId) !== after.includes(unitId));
    const units = await this.unitModel.find({ district, _id: { $in: touched } }).select({ _id: 1, systemIds: 1 }).lean<UnitDocument[]>();
    const systemIdsByUnit = new Map(
      units.map((unit) => {
        const others = unit.systemIds.filter((id) => id !== systemId);
        return [unit._id, after.includes(unit._id) ? [...others, systemId] : others];
      }),
    );
    await this.units.setSystems(district, systemIdsByUnit);
  }

  private async assertReferencesExist(district: string, system: SystemDocument): Promise<void> {
    const units = new Set((await this.unitModel.find({ district, _id: { $in: system.unitIds } }).select({ _id: 1 }).lean<UnitDocument[]>()).map((unit) => unit._id));
    const unknownUnits = system.unitIds.filter((unitId) => !units.has(unitId));
    if (unknownUnits.length > 0) throw badRequest('system.unknown-units', { unitIds: unknownUnits.join(', ') }, 'unitIds');
    const memberIds = [...new Set(system.guidanceGroup.map((seat) => seat.memberId))];
    const members = new Set((await this.members.find({ district, _id: { $in: memberIds } }).select({ _id: 1 }).lean<MemberDocument[]>()).map((member) => member._id));
    const unknownMembers = memberIds.filter((memberId) => !members.has(memberId));
    if (unknownMembers.length > 0) throw badRequest('system.unknown-members', { memberIds: unknownMembers.join(', ') }, 'guidanceGroup');
  }
}
