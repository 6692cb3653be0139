import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Principal } from '@campaign/auth';
import { LeadingGroupChanged } from '@campaign/contracts';
import { EventPublisher, outboxFields, OutboxRelay, withOutbox } from '@campaign/messaging';
import { newId } from '../common/ids';
import { MEMBER_MODEL, MemberDocument } from '../members/member.schema';
import { GroupSeat } from '../systems/system.schema';
import { UnitsService } from '../units/units.service';
import { CreateLeadingGroupDto } from './leading-group.dto';
import { LEADING_GROUP_MODEL, LeadingGroupDocument } from './leading-group.schema';

@Injectable()
export class LeadingGroupsService {
  constructor(
    @InjectModel(LEADING_GROUP_MODEL) private readonly groups: Model<LeadingGroupDocument>,
    @InjectModel(MEMBER_MODEL) private readonly members: Model<MemberDocument>,
    private readonly units: UnitsService,
    private readonly publisher: EventPublisher,
    private readonly relay: OutboxRelay,
  ) {}

  async listForUnit(principal: Principal, unitId: string): Promise<LeadingGroupDocument[]> {
    await this.units.visibleUnit(principal, unitId);
    return this.groups.find({ district: principal.district, unitId }).sort({ name: 1 }).lean<LeadingGroupDocument[]>();
  }

  async get(principal: Principal, groupId: string): Promise<LeadingGroupDocument> {
    const group = await this.groups.findOne({ district: principal.district, _id: groupId }).lean<LeadingGroupDocument>();
    if (!group) throw new NotFoundException(`leading group ${groupId} not found`);
    await this.units.visibleUnit(principal, group.unitId);
    return group;
  }

  async create(principal: Principal, unitId: string, input: CreateLeadingGroupDto, id = newId()): Promise<LeadingGroupDocument> {
    const unit = await this.units.writableUnit(principal, unitId);
    const group: LeadingGroupDocument = {
      _id: id,
      district: principal.district,
      unitId: unit._id,
      unitPath: unit.path,
      name: input.name,
      kind: input.kind,
      members: dedupeSeats(input.members ?? []),
      revision: 1,
    };
    await this.assertMembersExist(principal.district, group.members);
    try {
      await this.groups.create({ ...group, ...outboxFields(this.changedEvent(group)) });
    } catch (error) {
      if ((error as { code?: number }).code === 11000) throw new ConflictException(`unit ${unitId} already has a group named ${input.name}`);
      throw error;
    }
    this.relay.kick();
    return group;
  }

  /** Replaces the seats; the district adds e.g. the heads of system lead units as deputies this way. */
  async replaceSeats(principal: Principal, groupId: string, seats: GroupSeat[]): Promise<LeadingGroupDocument> {
    const current = await this.get(principal, groupId);
    await this.units.writableUnit(principal, current.unitId);
    const members = dedupeSeats(seats);
    if (JSON.stringify(current.members) === JSON.stringify(members)) return current;
    await this.assertMembersExist(principal.district, members);
    const next = { ...current, members, revision: current.revision + 1 };
    const result = await this.groups.updateOne(
      { district: principal.district, _id: groupId, revision: current.revision },
      withOutbox({ $set: { members }, $inc: { revision: 1 } }, this.changedEvent(next)),
    );
    if (result.matchedCount === 0) throw new ConflictException(`leading group ${groupId} changed concurrently; retry`);
    this.relay.kick();
    return next;
  }

  async addSeat(principal: Principal, groupId: string, seat: GroupSeat): Promise<LeadingGroupDocument> {
    const current = await this.get(principal, groupId);
    return this.replaceSeats(principal, groupId, [...current.members.filter((s) => s.memberId !== seat.memberId), seat]);
  }

  private changedEvent(group: LeadingGroupDocument) {
    return this.publisher.envelope(
      LeadingGroupChanged,
      { unitId: group.unitId, groupId: group._id, name: group.name, kind: group.kind, members: group.members, revision: group.revision },
      group.district,
    );
  }

  private async assertMembersExist(district: string, seats: GroupSeat[]): Promise<void> {
    const ids = seats.map((seat) => seat.memberId);
    const found = await this.members.countDocuments({ district, _id: { $in: ids }, status: 'active' });
    if (found !== ids.length) throw new BadRequestException('members: some members do not exist or are not active in the district');
  }
}

/** One seat per member, the last given role winning, in a stable order. */
function dedupeSeats(seats: GroupSeat[]): GroupSeat[] {
  const byMember = new Map(seats.map((seat) => [seat.memberId, { memberId: seat.memberId, role: seat.role }]));
  return [...byMember.values()];
}
