import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  EventEnvelope,
  MemberEnrolled,
  MemberLeft,
  MemberTransferred,
  MemberUpdated,
  PayloadOf,
  UnitClosed,
  UnitCreated,
  UnitMoved,
  UnitUpdated,
} from '@campaign/contracts';
import { InboxEventPattern } from '@campaign/messaging';
import { DirectoryService } from '../directory/directory.service';

type Envelope<D> = EventEnvelope<PayloadOf<D>>;

/** Keeps the local directory of members and units; snapshots with revisions make it order- and duplicate-proof. */
@Controller()
export class OrgReadModelHandlers {
  constructor(private readonly directory: DirectoryService) {}

  @InboxEventPattern(MemberEnrolled)
  async onMemberEnrolled(@Payload() event: Envelope<typeof MemberEnrolled>): Promise<void> {
    await this.directory.applyMember(event.district, event.payload.member);
  }

  @InboxEventPattern(MemberUpdated)
  async onMemberUpdated(@Payload() event: Envelope<typeof MemberUpdated>): Promise<void> {
    await this.directory.applyMember(event.district, event.payload.member);
  }

  @InboxEventPattern(MemberTransferred)
  async onMemberTransferred(@Payload() event: Envelope<typeof MemberTransferred>): Promise<void> {
    await this.directory.applyMember(event.district, event.payload.member);
  }

  @InboxEventPattern(MemberLeft)
  async onMemberLeft(@Payload() event: Envelope<typeof MemberLeft>): Promise<void> {
    await this.directory.applyMember(event.district, event.payload.member);
  }

  @InboxEventPattern(UnitCreated)
  async onUnitCreated(@Payload() event: Envelope<typeof UnitCreated>): Promise<void> {
    await this.directory.applyUnit(event.district, event.payload.unit);
  }

  @InboxEventPattern(UnitUpdated)
  async onUnitUpdated(@Payload() event: Envelope<typeof UnitUpdated>): Promise<void> {
    await this.directory.applyUnit(event.district, event.payload.unit);
  }

  @InboxEventPattern(UnitClosed)
  async onUnitClosed(@Payload() event: Envelope<typeof UnitClosed>): Promise<void> {
    await this.directory.applyUnit(event.district, event.payload.unit);
  }

  @InboxEventPattern(UnitMoved)
  async onUnitMoved(@Payload() event: Envelope<typeof UnitMoved>): Promise<void> {
    const { unit } = event.payload;
    if (await this.directory.applyUnit(event.district, unit)) await this.directory.rewritePathsUnder(event.district, unit.unitId, unit.path);
  }
}
