import { Injectable } from '@nestjs/common';
import { EventEnvelope, MemberLeft, MemberTransferred, PayloadOf } from '@campaign/contracts';
import { OrgMemberFollowUps } from '@campaign/org-read-model';
import { DEFAULT_TIME_ZONE, startOfLocalDay } from '../campaigns/campaign-calendar';
import { ObligationService } from '../obligations/obligation.service';
import { OrgDirectoryService } from '../org-read-model/org-directory.service';

/** What a member owes follows the member's transfers and leave, once the read model has taken them in. */
@Injectable()
export class MemberObligations implements OrgMemberFollowUps {
  constructor(
    private readonly directory: OrgDirectoryService,
    private readonly obligations: ObligationService,
  ) {}

  /** What the member still owes from the transfer on is owed in the new unit, unless a later transfer was applied already. */
  async memberTransferred(event: EventEnvelope<PayloadOf<typeof MemberTransferred>>): Promise<void> {
    const { memberId } = event.payload.member;
    const [now, to] = await Promise.all([this.directory.member(event.district, memberId), this.directory.unit(event.district, event.payload.toUnitId)]);
    if (to && now?.unitId === to._id) await this.obligations.followTransfer(event.district, memberId, to, startOfLocalDay(event.payload.effectiveAt, DEFAULT_TIME_ZONE));
  }

  /** A leaver is not held to what falls due after leaving: reminders stop, nothing is reported missed. */
  async memberLeft(event: EventEnvelope<PayloadOf<typeof MemberLeft>>): Promise<void> {
    const { member, effectiveAt } = event.payload;
    await this.obligations.waiveForLeaver(event.district, member.memberId, startOfLocalDay(effectiveAt, DEFAULT_TIME_ZONE));
  }
}
