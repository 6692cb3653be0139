import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
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
  UnitUpdated,
} from '@campaign/contracts';
import { GroupCommitEventPattern, InboxEventPattern } from '@campaign/messaging';
import { DEFAULT_TIME_ZONE, startOfLocalDay } from '../campaigns/campaign-calendar';
import { ObligationService } from '../obligations/obligation.service';
import { OrgDirectoryService } from '../org-read-model/org-directory.service';
import { OrgReadModelService } from '../org-read-model/org-read-model.service';
import { withDocumentLocks } from '@campaign/persistence';
import { ReadWriteLock } from './district-lock';

/** Feeds the local organisation read model from org-registry's events; every write is guarded by revision. */
@Controller()
export class OrgEventsHandlers {
  private readonly locks = new Map<string, ReadWriteLock>();

  constructor(
    private readonly readModel: OrgReadModelService,
    private readonly directory: OrgDirectoryService,
    private readonly obligations: ObligationService,
    @InjectConnection() private readonly connection: Connection,
  ) {}

  /** Unit events run alone in their district: their path rewrite touches many units and members. */
  private exclusively(district: string, work: () => Promise<void>): Promise<void> {
    return this.withLock(district, (lock) => lock.exclusive(work));
  }

  /** Member and system events run side by side, one at a time per document. */
  private shared(district: string, collection: string, id: string, work: () => Promise<void>): Promise<void> {
    return this.withLock(district, (lock) => lock.shared(() => withDocumentLocks(this.connection, collection, [id], work)));
  }

  private async withLock<T>(district: string, run: (lock: ReadWriteLock) => Promise<T>): Promise<T> {
    const lock = this.locks.get(district) ?? new ReadWriteLock();
    this.locks.set(district, lock);
    try {
      return await run(lock);
    } finally {
      if (lock.idle) this.locks.delete(district);
    }
  }

  @InboxEventPattern(UnitCreated)
  async onUnitCreated(@Payload() event: EventEnvelope<PayloadOf<typeof UnitCreated>>): Promise<void> {
    await this.exclusively(event.district, async () => {
      await this.readModel.applyUnit(event.district, event.payload.unit);
    });
  }

  @InboxEventPattern(UnitUpdated)
  async onUnitUpdated(@Payload() event: EventEnvelope<PayloadOf<typeof UnitUpdated>>): Promise<void> {
    await this.exclusively(event.district, async () => {
      await this.readModel.applyUnit(event.district, event.payload.unit);
    });
  }

  @InboxEventPattern(UnitMoved)
  async onUnitMoved(@Payload() event: EventEnvelope<PayloadOf<typeof UnitMoved>>): Promise<void> {
    await this.exclusively(event.district, async () => {
      await this.readModel.applyUnit(event.district, event.payload.unit);
    });
  }

  @InboxEventPattern(UnitClosed)
  async onUnitClosed(@Payload() event: EventEnvelope<PayloadOf<typeof UnitClosed>>): Promise<void> {
    await this.exclusively(event.district, async () => {
      await this.readModel.applyUnit(event.district, event.payload.unit);
    });
  }

  /** A fetch's enrolments go in together (group commit); a member already held is applied alone, under its lock. */
  @GroupCommitEventPattern(MemberEnrolled)
  async onMemberEnrolled(@Payload() events: EventEnvelope<PayloadOf<typeof MemberEnrolled>>[]): Promise<void> {
    const byDistrict = new Map<string, MemberSnapshot[]>();
    for (const { district, payload } of events) byDistrict.set(district, [...(byDistrict.get(district) ?? []), payload.member]);
    for (const [district, members] of byDistrict) {
      const held = await this.withLock(district, (lock) => lock.shared(() => this.readModel.enrolMembers(district, members)));
      for (const member of held) await this.shared(district, 'org_members', member.memberId, () => this.readModel.applyMember(district, member));
    }
  }

  @InboxEventPattern(MemberUpdated)
  async onMemberUpdated(@Payload() event: EventEnvelope<PayloadOf<typeof MemberUpdated>>): Promise<void> {
    await this.shared(event.district, 'org_members', event.payload.member.memberId, async () => {
      await this.readModel.applyMember(event.district, event.payload.member);
    });
  }

  @InboxEventPattern(MemberTransferred)
  async onMemberTransferred(@Payload() event: EventEnvelope<PayloadOf<typeof MemberTransferred>>): Promise<void> {
    await this.shared(event.district, 'org_members', event.payload.member.memberId, async () => {
      const { member, fromUnitId, effectiveAt } = event.payload;
      await this.readModel.applyMember(event.district, member);
      await this.readModel.recordTransfer(event.district, member.memberId, fromUnitId, effectiveAt);
    });
    // What the member still owes from the transfer on is owed in the new unit, unless a later transfer was applied already.
    const { memberId } = event.payload.member;
    const [now, to] = await Promise.all([this.directory.member(event.district, memberId), this.directory.unit(event.district, event.payload.toUnitId)]);
    if (to && now?.unitId === to._id) await this.obligations.followTransfer(event.district, memberId, to, startOfLocalDay(event.payload.effectiveAt, DEFAULT_TIME_ZONE));
  }

  @InboxEventPattern(MemberLeft)
  async onMemberLeft(@Payload() event: EventEnvelope<PayloadOf<typeof MemberLeft>>): Promise<void> {
    const { member, effectiveAt } = event.payload;
    await this.shared(event.district, 'org_members', member.memberId, async () => {
      await this.readModel.applyMember(event.district, member);
      await this.readModel.recordLeaving(event.district, member.memberId, effectiveAt);
    });
    // A leaver is not held to what falls due after leaving: reminders stop, nothing is reported missed.
    await this.obligations.waiveForLeaver(event.district, member.memberId, startOfLocalDay(effectiveAt, DEFAULT_TIME_ZONE));
  }

  @InboxEventPattern(SystemChanged)
  async onSystemChanged(@Payload() event: EventEnvelope<PayloadOf<typeof SystemChanged>>): Promise<void> {
    await this.shared(event.district, 'org_systems', event.payload.systemId, async () => {
      await this.readModel.applySystem(event.district, event.payload);
    });
  }
}
