import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import {
  EventEnvelope,
  MemberEnrolled,
  MemberLeft,
  MemberSnapshot,
  MemberTransferred,
  MemberUpdated,
  PayloadOf,
  SystemChanged,
  UnitClosed,
  UnitCreated,
  UnitMoved,
  UnitSnapshot,
  UnitUpdated,
} from '@campaign/contracts';
import { OnEvent } from '@campaign/messaging';
import { byDistrictKey, districtKey, withDocumentLocks } from '@campaign/persistence';
import { MemberView, SystemView, UnitView } from './read-model.schemas';

/**
 * Writes a record's snapshot only when its revision is newer than the one held. Records are keyed by
 * `districtKey(district, id)` and read, compared and replaced by that `_id` alone (the one filter FerretDB 1.x
 * evaluates in SQLite rather than by decoding every document), under the record's lock, which spans replicas on FerretDB.
 */
async function saveIfNewer<T>(model: Model<T>, district: string, id: string, revision: number, fields: Record<string, unknown>): Promise<boolean> {
  const _id = districtKey(district, id);
  return withDocumentLocks(model.db, model.collection.name, [_id], async () => {
    const held = await byDistrictKey(model.findOne({ _id })).select('revision').lean<{ revision: number }>();
    if (held && held.revision >= revision) return false;
    await byDistrictKey(model.replaceOne({ _id }, { _id, district, ...fields, revision }, { upsert: true }));
    return true;
  });
}

/** The units, members and systems of org-registry that scoring needs: paths for access, systems for rankings, leader flags. */
@Injectable()
export class OrgReadModelHandlers {
  constructor(
    @InjectModel('UnitView') private readonly units: Model<UnitView>,
    @InjectModel('MemberView') private readonly members: Model<MemberView>,
    @InjectModel('SystemView') private readonly systems: Model<SystemView>,
  ) {}

  @OnEvent(UnitCreated)
  async onUnitCreated(event: EventEnvelope<PayloadOf<typeof UnitCreated>>): Promise<void> {
    await this.saveUnit(event.district, event.payload.unit);
  }

  @OnEvent(UnitUpdated)
  async onUnitUpdated(event: EventEnvelope<PayloadOf<typeof UnitUpdated>>): Promise<void> {
    await this.saveUnit(event.district, event.payload.unit);
  }

  @OnEvent(UnitClosed)
  async onUnitClosed(event: EventEnvelope<PayloadOf<typeof UnitClosed>>): Promise<void> {
    await this.saveUnit(event.district, event.payload.unit);
  }

  /** Descendants move with the unit: their paths (and their members' paths) are rewritten under the new one. */
  @OnEvent(UnitMoved)
  async onUnitMoved(event: EventEnvelope<PayloadOf<typeof UnitMoved>>): Promise<void> {
    const { district } = event;
    const { unit } = event.payload;
    if (!(await this.saveUnit(district, unit))) return;
    const rewrite = (path: string[]) => [...unit.path, ...path.slice(path.indexOf(unit.unitId) + 1)];
    const descendants = await this.units.find({ district, path: unit.unitId, unitId: { $ne: unit.unitId } }).lean();
    for (const descendant of descendants) {
      await this.units.updateOne({ district, unitId: descendant.unitId }, { $set: { path: rewrite(descendant.path) } });
    }
    const members = await this.members.find({ district, unitPath: unit.unitId }).lean();
    for (const member of members) await this.members.updateOne({ district, memberId: member.memberId }, { $set: { unitPath: rewrite(member.unitPath) } });
  }

  @OnEvent(MemberEnrolled)
  async onMemberEnrolled(event: EventEnvelope<PayloadOf<typeof MemberEnrolled>>): Promise<void> {
    await this.saveMember(event.district, event.payload.member);
  }

  @OnEvent(MemberUpdated)
  async onMemberUpdated(event: EventEnvelope<PayloadOf<typeof MemberUpdated>>): Promise<void> {
    await this.saveMember(event.district, event.payload.member);
  }

  /** Only the member's current unit changes here; past ledger lines keep the unit they were attributed to. */
  @OnEvent(MemberTransferred)
  async onMemberTransferred(event: EventEnvelope<PayloadOf<typeof MemberTransferred>>): Promise<void> {
    await this.saveMember(event.district, event.payload.member);
  }

  @OnEvent(MemberLeft)
  async onMemberLeft(event: EventEnvelope<PayloadOf<typeof MemberLeft>>): Promise<void> {
    await this.saveMember(event.district, event.payload.member);
  }

  @OnEvent(SystemChanged)
  async onSystemChanged(event: EventEnvelope<PayloadOf<typeof SystemChanged>>): Promise<void> {
    const { systemId, name, leadUnitId, unitIds, revision } = event.payload;
    await saveIfNewer(this.systems, event.district, systemId, revision, { systemId, name, leadUnitId, unitIds });
  }

  private async saveUnit(district: string, unit: UnitSnapshot): Promise<boolean> {
    const { unitId, name, parentId, path, systemIds, status, revision } = unit;
    return saveIfNewer(this.units, district, unitId, revision, { unitId, name, parentId, path, systemIds, status });
  }

  private async saveMember(district: string, member: MemberSnapshot): Promise<void> {
    const { memberId, name, unitId, unitPath, isLeader, isKeyPost, status, revision } = member;
    await saveIfNewer(this.members, district, memberId, revision, { memberId, name, unitId, unitPath, isLeader, isKeyPost, status });
  }
}
