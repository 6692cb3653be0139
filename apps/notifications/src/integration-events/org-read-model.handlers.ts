import { Injectable } from '@nestjs/common';
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
import { OnEvent } from '@campaign/messaging';
import { DirectoryService } from '../directory/directory.service';

type Envelope<D> = EventEnvelope<PayloadOf<D>>;

/** Keeps the local directory of members and units; snapshots with revisions make it order- and duplicate-proof. */
@Injectable()
export class OrgReadModelHandlers {
  constructor(private readonly directory: DirectoryService) {}

  @OnEvent(MemberEnrolled)
  async onMemberEnrolled(event: Envelope<typeof MemberEnrolled>): Promise<void> {
    await this.directory.applyMember(event.district, event.payload.member);
  }

  @OnEvent(MemberUpdated)
  async onMemberUpdated(event: Envelope<typeof MemberUpdated>): Promise<void> {
    await this.directory.applyMember(event.district, event.payload.member);
  }

  @OnEvent(MemberTransferred)
  async onMemberTransferred(event: Envelope<typeof MemberTransferred>): Promise<void> {
    await this.directory.applyMember(event.district, event.payload.member);
  }

  @OnEvent(MemberLeft)
  async onMemberLeft(event: Envelope<typeof MemberLeft>): Promise<void> {
    await this.directory.applyMember(event.district, event.payload.member);
  }

  @OnEvent(UnitCreated)
  async onUnitCreated(event: Envelope<typeof UnitCreated>): Promise<void> {
    await this.directory.applyUnit(event.district, event.payload.unit);
  }

  @OnEvent(UnitUpdated)
  async onUnitUpdated(event: Envelope<typeof UnitUpdated>): Promise<void> {
    await this.directory.applyUnit(event.district, event.payload.unit);
  }

  @OnEvent(UnitClosed)
  async onUnitClosed(event: Envelope<typeof UnitClosed>): Promise<void> {
    await this.directory.applyUnit(event.district, event.payload.unit);
  }

  @OnEvent(UnitMoved)
  async onUnitMoved(event: Envelope<typeof UnitMoved>): Promise<void> {
    const { unit } = event.payload;
    if (await this.directory.applyUnit(event.district, unit)) await this.directory.rewritePathsUnder(event.district, unit.unitId, unit.path);
  }
}
