import { Injectable } from '@nestjs/common';
import { Principal } from '@campaign/auth';
import { AccessService } from '../access/access.service';
import { MemberStudyObligations } from './member-study.service';
import { ObligationAnnouncer } from './obligation-announcer';
import { ObligationNames } from './obligation-descriptions';
import { Obligation } from './obligation.schema';
import { ObligationQuery, ObligationService } from './obligation.service';

export type ShownObligation = Obligation & ObligationNames & { description: string };

/** Obligations as their callers may see them, with names and descriptions. */
@Injectable()
export class ObligationViewsService {
  constructor(
    private readonly obligations: ObligationService,
    private readonly memberStudy: MemberStudyObligations,
    private readonly announcer: ObligationAnnouncer,
    private readonly access: AccessService,
  ) {}

  async forUnit(principal: Principal, unitId: string, query: ObligationQuery): Promise<ShownObligation[]> {
    await this.access.managedUnit(principal, unitId);
    return this.announcer.present(principal.district, await this.obligations.forUnit(principal.district, unitId, query));
  }

  /** This week's study is shown open until it is met, unless the query asks for another kind or status. */
  async forMember(principal: Principal, memberId: string, query: ObligationQuery): Promise<ShownObligation[]> {
    const member = await this.access.visibleMember(principal, memberId);
    const stored = await this.obligations.forMember(principal.district, memberId, query);
    const showsOpenWeek = (!query.kind || query.kind === 'member-weekly-study') && (!query.status || query.status === 'open');
    const open = showsOpenWeek ? await this.memberStudy.openWeeks(principal.district, member, stored) : [];
    const inCampaign = open.filter((o) => !query.campaignId || o.campaignId === query.campaignId);
    return this.announcer.present(principal.district, [...stored, ...inCampaign]);
  }
}
