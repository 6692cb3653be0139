import { Controller, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
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
import { ORG_READ_MODEL_OPTIONS, OrgMemberFollowUps, OrgReadModelOptions } from './org-read-model.options';
import { OrgReadModelService } from './org-read-model.service';
import { ReadWriteLock } from './read-write-lock';

/** Serialises a district's unit events against its member and system events, inside this process. */
@Injectable()
export class DistrictLocks {
  private readonly locks = new Map<string, ReadWriteLock>();

  /** Unit events run alone in their district: their path rewrite touches many units and members. */
  exclusively<T>(district: string, work: () => Promise<T>): Promise<T> {
    return this.withLock(district, (lock) => lock.exclusive(work));
  }

  /** Member and system events run side by side; each record's own document lock orders writes to it. */
  shared<T>(district: string, work: () => Promise<T>): Promise<T> {
    return this.withLock(district, (lock) => lock.shared(work));
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
}

/**
 * Feeds the organisation read model from org-registry's unit and member changes, then the service's own follow-ups;
 * its two forms differ only in how enrolments come in.
 */
@Injectable()
abstract class OrgChangeHandlers implements OnModuleInit {
  private followUps: OrgMemberFollowUps = {};

  constructor(
    protected readonly readModel: OrgReadModelService,
    protected readonly locks: DistrictLocks,
    @Inject(ORG_READ_MODEL_OPTIONS) private readonly options: OrgReadModelOptions,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    if (this.options.followUps) this.followUps = this.moduleRef.get(this.options.followUps, { strict: false });
  }

  @InboxEventPattern(UnitCreated)
  async onUnitCreated(@Payload() event: EventEnvelope<PayloadOf<typeof UnitCreated>>): Promise<void> {
    await this.locks.exclusively(event.district, () => this.readModel.applyUnit(event.district, event.payload.unit));
  }

  @InboxEventPattern(UnitUpdated)
  async onUnitUpdated(@Payload() event: EventEnvelope<PayloadOf<typeof UnitUpdated>>): Promise<void> {
    await this.locks.exclusively(event.district, () => this.readModel.applyUnit(event.district, event.payload.unit));
  }

  /** Descendants move with the unit: applying it rewrites their paths (and their members') under its new one. */
  @InboxEventPattern(UnitMoved)
  async onUnitMoved(@Payload() event: EventEnvelope<PayloadOf<typeof UnitMoved>>): Promise<void> {
    await this.locks.exclusively(event.district, () => this.readModel.applyUnit(event.district, event.payload.unit));
  }

  @InboxEventPattern(UnitClosed)
  async onUnitClosed(@Payload() event: EventEnvelope<PayloadOf<typeof UnitClosed>>): Promise<void> {
    await this.locks.exclusively(event.district, () => this.readModel.applyUnit(event.district, event.payload.unit));
  }

  @InboxEventPattern(MemberUpdated)
  async onMemberUpdated(@Payload() event: EventEnvelope<PayloadOf<typeof MemberUpdated>>): Promise<void> {
    await this.locks.shared(event.district, () => this.readModel.applyMember(event.district, event.payload.member));
  }

  @InboxEventPattern(MemberTransferred)
  async onMemberTransferred(@Payload() event: EventEnvelope<PayloadOf<typeof MemberTransferred>>): Promise<void> {
    const { member, fromUnitId, effectiveAt } = event.payload;
    const change = { transferredFrom: { unitId: fromUnitId, until: effectiveAt } };
    const outcome = await this.locks.shared(event.district, () => this.readModel.applyMember(event.district, member, change));
    await this.followUps.memberTransferred?.(event, outcome);
  }

  @InboxEventPattern(MemberLeft)
  async onMemberLeft(@Payload() event: EventEnvelope<PayloadOf<typeof MemberLeft>>): Promise<void> {
    const { member, effectiveAt } = event.payload;
    const outcome = await this.locks.shared(event.district, () => this.readModel.applyMember(event.district, member, { leftOn: effectiveAt }));
    await this.followUps.memberLeft?.(event, outcome);
  }
}

/** Enrolments in group commit: an HR import's thousands go in one insert per fetch (no inbox; a redelivery is applied again, by revision). */
@Controller()
export class OrgReadModelHandlers extends OrgChangeHandlers {
  /** A fetch's enrolments go in together (group commit); a member already held is compared by revision like any change. */
  @GroupCommitEventPattern(MemberEnrolled)
  async onMemberEnrolled(@Payload() events: EventEnvelope<PayloadOf<typeof MemberEnrolled>>[]): Promise<void> {
    const byDistrict = new Map<string, MemberSnapshot[]>();
    for (const { district, payload } of events) byDistrict.set(district, [...(byDistrict.get(district) ?? []), payload.member]);
    for (const [district, members] of byDistrict) {
      await this.locks.shared(district, async () => {
        const held = await this.readModel.enrolMembers(district, members);
        for (const member of held) await this.readModel.applyMember(district, member);
      });
    }
  }
}

/** Enrolments one by one, each recorded in the consumer's inbox like any other event. */
@Controller()
export class OrgReadModelInboxHandlers extends OrgChangeHandlers {
  @InboxEventPattern(MemberEnrolled)
  async onMemberEnrolled(@Payload() event: EventEnvelope<PayloadOf<typeof MemberEnrolled>>): Promise<void> {
    await this.locks.shared(event.district, () => this.readModel.applyMember(event.district, event.payload.member));
  }
}

/** Feeds the systems of the read model, for a service that keeps them. */
@Controller()
export class OrgSystemHandlers {
  constructor(
    private readonly readModel: OrgReadModelService,
    private readonly locks: DistrictLocks,
  ) {}

  @InboxEventPattern(SystemChanged)
  async onSystemChanged(@Payload() event: EventEnvelope<PayloadOf<typeof SystemChanged>>): Promise<void> {
    await this.locks.shared(event.district, () => this.readModel.applySystem(event.district, event.payload));
  }
}
