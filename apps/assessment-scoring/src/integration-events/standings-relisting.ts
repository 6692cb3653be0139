import { Injectable } from '@nestjs/common';
import { EventEnvelope, MemberLeft, MemberTransferred, PayloadOf } from '@campaign/contracts';
import { OrgApplyOutcome, OrgMemberFollowUps } from '@campaign/org-read-model';
import { StandingsService } from '../standings/standings.service';

/** A transfer or a leave relists the member's standings from its effective day (redone on a redelivery, never for a stale event). */
@Injectable()
export class StandingsRelisting implements OrgMemberFollowUps {
  constructor(private readonly standings: StandingsService) {}

  /** Past ledger lines keep the unit they were attributed to; the member's standings from the effective day move. */
  async memberTransferred(event: EventEnvelope<PayloadOf<typeof MemberTransferred>>, outcome: OrgApplyOutcome): Promise<void> {
    const { member, toUnitId, effectiveAt } = event.payload;
    if (outcome === 'stale') return;
    await this.standings.relistMember(event.district, member.memberId, effectiveAt, { unitId: toUnitId });
  }

  /** A leaver keeps its ledger and past periods; rankings of the periods from its leave day leave it out. */
  async memberLeft(event: EventEnvelope<PayloadOf<typeof MemberLeft>>, outcome: OrgApplyOutcome): Promise<void> {
    const { member, effectiveAt } = event.payload;
    if (outcome === 'stale') return;
    await this.standings.relistMember(event.district, member.memberId, member.leftAt ?? effectiveAt, { leftOn: member.leftAt ?? effectiveAt });
  }
}
