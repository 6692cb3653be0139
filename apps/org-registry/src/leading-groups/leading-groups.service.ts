import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Principal } from '@campaign/auth';
import { LeadingGroupChanged } from '@campaign/contracts';
import { EventPublisher, outboxFields, OutboxRelay, withOutbox } from '@campaign/messaging';
import { isDuplicateKey } from '@campaign/persistence';
import { newId, today } from '../common/ids';
import { badRequest, conflict, notFound } from '../i18n/problems';
import { MemberRolesService } from '../members/member-roles.service';
import { MEMBER, MemberDocument } from '../members/member.schema';
import { MembersService } from '../members/members.service';
import { GroupSeat } from '../systems/system.schema';
import { UnitsService } from '../units/units.service';
import { CreateLeadingGroupDto } from './leading-group.dto';
import { LEADING_GROUP, LeadingGroupDocument } from './leading-group.schema';
import { recordSeatChange, SeatTenure, tenuresOf } from './seat-history';

/** `resolveRoles: false` leaves the seated members' roles to a later `MemberRolesService.resolve` (the seed does one for all). */
export interface SeatWriteOptions {
  resolveRoles?: boolean;
}

/** A member's seat in one group over time, for the member's seat history. */
export interface MemberSeat extends SeatTenure {
  group: LeadingGroupDocument;
}

@Injectable()
export class LeadingGroupsService {
  constructor(
    @InjectModel(LEADING_GROUP) private readonly groups: Model<LeadingGroupDocument>,
    @InjectModel(MEMBER) private readonly members: Model<MemberDocument>,
    private readonly units: UnitsService,
    private readonly memberService: MembersService,
    private readonly memberRoles: MemberRolesService,
    private readonly publisher: EventPublisher,
    private readonly relay: OutboxRelay,
  ) {}

  async listForUnit(principal: Principal, unitId: string): Promise<LeadingGroupDocument[]> {
    await this.units.visibleUnit(principal, unitId);
    return this.groups.find({ district: principal.district, unitId }).sort({ name: 1 }).lean<LeadingGroupDocument[]>();
  }

  /** 404 when the district has no such group, 403 when its unit is outside the caller's subtrees. */
  async get(principal: Principal, groupId: string): Promise<LeadingGroupDocument> {
    const group = await this.groups.findOne({ district: principal.district, _id: groupId }).lean<LeadingGroupDocument>();
    if (!group) throw notFound('leading-group.not-found', { groupId });
    await this.units.visibleUnit(principal, group.unitId);
    return group;
  }

  /** Every seat the member held in any group, with its dates; a member may read their own. */
  async seatsOf(principal: Principal, memberId: string): Promise<MemberSeat[]> {
    await this.memberService.visibleMember(principal, memberId);
    const district = principal.district;
    const [current, past] = await Promise.all([
      this.groups.find({ district, 'members.memberId': memberId }).lean<LeadingGroupDocument[]>(),
      this.groups.find({ district, 'seatHistory.memberId': memberId }).lean<LeadingGroupDocument[]>(),
    ]);
    const groups = new Map([...current, ...past].map((group) => [group._id, group]));
    return [...groups.values()]
      .flatMap((group) => tenuresOf(memberId, group.members, group.seatHistory ?? []).map((tenure) => ({ ...tenure, group })))
      .sort((a, b) => (a.from ?? '').localeCompare(b.from ?? '') || a.group.name.localeCompare(b.group.name));
  }

  async create(principal: Principal, unitId: string, input: CreateLeadingGroupDto, id = newId(), options: SeatWriteOptions = {}): Promise<LeadingGroupDocument> {
    const unit = await this.units.writableUnit(principal, unitId);
    const members = dedupeSeats(input.members ?? []);
    await this.assertMembersActive(principal.district, members);
    const group: LeadingGroupDocument = {
      _id: id,
      district: principal.district,
      unitId: unit._id,
      unitPath: unit.path,
      name: input.name,
      kind: input.kind,
      members,
      seatHistory: recordSeatChange([], [], members, input.effectiveAt ?? today(), principal.sub),
      revision: 1,
    };
    try {
      await this.groups.create({ ...group, ...outboxFields(this.changedEvent(group)) });
    } catch (error) {
      if (isDuplicateKey(error)) throw conflict('leading-group.name-taken', { unitName: unit.name, name: input.name });
      throw error;
    }
    this.relay.kick();
    if (options.resolveRoles !== false) await this.memberRoles.resolve(group.district, { memberIds: members.map((seat) => seat.memberId) });
    return group;
  }

  /** Replaces the seats, recording each seat that ends or begins on `effectiveAt`; the district adds e.g. the heads of system lead units as deputies this way. */
  async replaceSeats(principal: Principal, groupId: string, seats: GroupSeat[], effectiveAt = today(), options: SeatWriteOptions = {}): Promise<LeadingGroupDocument> {
    const current = await this.get(principal, groupId);
    await this.units.writableUnit(principal, current.unitId);
    const members = dedupeSeats(seats);
    if (JSON.stringify(current.members) === JSON.stringify(members)) return current;
    await this.assertMembersActive(principal.district, members);
    const seatHistory = recordSeatChange(current.seatHistory ?? [], current.members, members, effectiveAt, principal.sub);
    const next = { ...current, members, seatHistory, revision: current.revision + 1 };
    const result = await this.groups.updateOne(
      { district: principal.district, _id: groupId, revision: current.revision },
      withOutbox({ $set: { members, seatHistory }, $inc: { revision: 1 } }, this.changedEvent(next)),
    );
    if (result.matchedCount === 0) throw conflict('leading-group.changed-concurrently', { groupName: current.name });
    this.relay.kick();
    const touched = new Set([...current.members, ...members].map((seat) => seat.memberId));
    if (options.resolveRoles !== false) await this.memberRoles.resolve(principal.district, { memberIds: [...touched] });
    return next;
  }

  async addSeat(principal: Principal, groupId: string, seat: GroupSeat, effectiveAt?: string): Promise<LeadingGroupDocument> {
    const current = await this.get(principal, groupId);
    return this.replaceSeats(principal, groupId, [...current.members.filter((s) => s.memberId !== seat.memberId), seat], effectiveAt);
  }

  async removeSeat(principal: Principal, groupId: string, memberId: string, effectiveAt?: string): Promise<LeadingGroupDocument> {
    const current = await this.get(principal, groupId);
    if (!current.members.some((seat) => seat.memberId === memberId)) throw notFound('leading-group.not-seated', { groupName: current.name, memberId });
    return this.replaceSeats(principal, groupId, current.members.filter((seat) => seat.memberId !== memberId), effectiveAt);
  }

  private changedEvent(group: LeadingGroupDocument) {
    return this.publisher.envelope(
      LeadingGroupChanged,
      { unitId: group.unitId, groupId: group._id, name: group.name, kind: group.kind, members: group.members, revision: group.revision },
      group.district,
    );
  }

  private async assertMembersActive(district: string, seats: GroupSeat[]): Promise<void> {
    const ids = seats.map((seat) => seat.memberId);
    if (ids.length === 0) return;
    const found = new Set(
      (await this.members.find({ district, _id: { $in: ids }, status: 'active' }).select({ _id: 1 }).lean<MemberDocument[]>()).map((member) => member._id),
    );
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) throw badRequest('leading-group.unknown-members', { memberIds: missing.join(', ') }, 'members');
  }
}

/** One seat per member, the last given role winning, in a stable order. */
function dedupeSeats(seats: GroupSeat[]): GroupSeat[] {
  const byMember = new Map(seats.map((seat) => [seat.memberId, { memberId: seat.memberId, role: seat.role }]));
  return [...byMember.values()];
}
