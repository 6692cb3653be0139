import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
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
import { GroupCommitEventPattern, InboxEventPattern } from '@campaign/messaging';
import { byDistrictKey, districtKey, insertNew, withDocumentLocks } from '@campaign/persistence';
import { StandingsService } from '../standings/standings.service';
import { MemberView, SystemView, UnitView } from './read-model.schemas';

/**
 * Writes a record's snapshot only when its revision is newer than the one held. Records are keyed by
 * `districtKey(district, id)` and read, compared and replaced by that `_id` alone (the one filter FerretDB 1.x
 * evaluates in SQLite rather than by decoding every document), under the record's lock, which spans replicas on FerretDB.
 */
async function saveIfNewer<T>(model: Model<T>, district: string, id: string, revision: number, fields: Record<string, unknown>): Promise<'saved' | 'held' | 'stale'> {
  const _id = districtKey(district, id);
  return withDocumentLocks(model.db, model.collection.name, [_id], async () => {
    const held = await byDistrictKey(model.findOne({ _id })).select('revision').lean<{ revision: number }>();
    if (held && held.revision > revision) return 'stale';
    if (held && held.revision === revision) return 'held';
    await byDistrictKey(model.replaceOne({ _id }, { _id, district, ...fields, revision }, { upsert: true }));
    return 'saved';
  });
}

/**
 * The units, members and systems of org-registry that scoring needs: paths for access, systems for rankings, leader
 * flags, who left when. A transfer or a leave also relists the member's standings from its effective day (redone on a
 * redelivery, never for a stale event).
 */
@Controller()
export class OrgReadModelHandlers {
  constructor(
    @InjectModel('UnitView') private readonly units: Model<UnitView>,
    @InjectModel('MemberView') private readonly members: Model<MemberView>,
    @InjectModel('SystemView') private readonly systems: Model<SystemView>,
    private readonly standings: StandingsService,
  ) {}

  @InboxEventPattern(UnitCreated)
  async onUnitCreated(@Payload() event: EventEnvelope<PayloadOf<typeof UnitCreated>>): Promise<void> {
    await this.saveUnit(event.district, event.payload.unit);
  }

  @InboxEventPattern(UnitUpdated)
  async onUnitUpdated(@Payload() event: EventEnvelope<PayloadOf<typeof UnitUpdated>>): Promise<void> {
    await this.saveUnit(event.district, event.payload.unit);
  }

  @InboxEventPattern(UnitClosed)
  async onUnitClosed(@Payload() event: EventEnvelope<PayloadOf<typeof UnitClosed>>): Promise<void> {
    await this.saveUnit(event.district, event.payload.unit);
  }

  /** Descendants move with the unit: their paths (and their members' paths) are rewritten under the new one. */
  @InboxEventPattern(UnitMoved)
  async onUnitMoved(@Payload() event: EventEnvelope<PayloadOf<typeof UnitMoved>>): Promise<void> {
    const { district } = event;
    const { unit } = event.payload;
    if ((await this.saveUnit(district, unit)) !== 'saved') return;
    const rewrite = (path: string[]) => [...unit.path, ...path.slice(path.indexOf(unit.unitId) + 1)];
    const descendants = await this.units.find({ district, path: unit.unitId, unitId: { $ne: unit.unitId } }).lean();
    for (const descendant of descendants) {
      await this.units.updateOne({ district, unitId: descendant.unitId }, { $set: { path: rewrite(descendant.path) } });
    }
    const members = await this.members.find({ district, unitPath: unit.unitId }).lean();
    for (const member of members) await this.members.updateOne({ district, memberId: member.memberId }, { $set: { unitPath: rewrite(member.unitPath) } });
  }

  /**
   * An HR import enrols thousands at once (group commit): members not held yet are inserted in one command; one already
   * there (a redelivery, or a later revision that arrived first) is compared by revision as every other change is.
   */
  @GroupCommitEventPattern(MemberEnrolled)
  async onMemberEnrolled(@Payload() events: EventEnvelope<PayloadOf<typeof MemberEnrolled>>[]): Promise<void> {
    const documents = events.map(({ district, payload: { member } }) => ({ _id: districtKey(district, member.memberId), district, ...memberFields(member), revision: member.revision }));
    const { duplicates } = await insertNew(this.members, documents);
    const held = new Set(duplicates);
    for (const [index, event] of events.entries()) if (held.has(documents[index])) await this.saveMember(event.district, event.payload.member);
  }

  @InboxEventPattern(MemberUpdated)
  async onMemberUpdated(@Payload() event: EventEnvelope<PayloadOf<typeof MemberUpdated>>): Promise<void> {
    await this.saveMember(event.district, event.payload.member);
  }

  /** Past ledger lines keep the unit they were attributed to; the member's standings from the effective day move. */
  @InboxEventPattern(MemberTransferred)
  async onMemberTransferred(@Payload() event: EventEnvelope<PayloadOf<typeof MemberTransferred>>): Promise<void> {
    const { member, toUnitId, effectiveAt } = event.payload;
    if ((await this.saveMember(event.district, member)) === 'stale') return;
    await this.standings.relistMember(event.district, member.memberId, effectiveAt, { unitId: toUnitId });
  }

  /** A leaver keeps its ledger and past periods; rankings of the periods from its leave day leave it out. */
  @InboxEventPattern(MemberLeft)
  async onMemberLeft(@Payload() event: EventEnvelope<PayloadOf<typeof MemberLeft>>): Promise<void> {
    const { member, effectiveAt } = event.payload;
    if ((await this.saveMember(event.district, member, effectiveAt)) === 'stale') return;
    await this.standings.relistMember(event.district, member.memberId, member.leftAt ?? effectiveAt, { leftOn: member.leftAt ?? effectiveAt });
  }

  @InboxEventPattern(SystemChanged)
  async onSystemChanged(@Payload() event: EventEnvelope<PayloadOf<typeof SystemChanged>>): Promise<void> {
    const { systemId, name, leadUnitId, unitIds, revision } = event.payload;
    await saveIfNewer(this.systems, event.district, systemId, revision, { systemId, name, leadUnitId, unitIds });
  }

  private async saveUnit(district: string, unit: UnitSnapshot): Promise<'saved' | 'held' | 'stale'> {
    const { unitId, name, parentId, path, systemIds, status, revision } = unit;
    return saveIfNewer(this.units, district, unitId, revision, { unitId, name, parentId, path, systemIds, status });
  }

  private async saveMember(district: string, member: MemberSnapshot, effectiveAt?: string): Promise<'saved' | 'held' | 'stale'> {
    return saveIfNewer(this.members, district, member.memberId, member.revision, memberFields(member, effectiveAt));
  }
}

/** What scoring keeps of a member. An active member has no leave day; one who is not keeps the day it left (the snapshot's, else the event's). */
function memberFields(member: MemberSnapshot, effectiveAt?: string) {
  const { memberId, name, unitId, unitPath, isLeader, isKeyPost, status } = member;
  const leftOn = status === 'active' ? null : (member.leftAt ?? effectiveAt ?? null);
  return { memberId, name, unitId, unitPath, isLeader, isKeyPost, status, leftOn };
}
