import { Injectable } from '@nestjs/common';
import { EventEnvelope, ObligationAtRisk, ObligationMet, ObligationMissed, ObligationWaived } from '@campaign/contracts';
import { EventPublisher } from '@campaign/messaging';
import { CampaignService } from '../campaigns/campaign.service';
import { NamesService } from '../responses/names.service';
import { describeObligation, describeObligationInAll, ObligationNames } from './obligation-descriptions';
import { Obligation, ObligationStatus } from './obligation.schema';

export type NamesOf = (obligation: Obligation) => ObligationNames;

/** What obligations are shown and announced with: the names of their units, members and campaigns, and their texts. */
@Injectable()
export class ObligationAnnouncer {
  constructor(
    private readonly campaigns: CampaignService,
    private readonly names: NamesService,
    private readonly publisher: EventPublisher,
  ) {}

  /** One read per kind of name for the whole batch. */
  async namesOf(district: string, obligations: Obligation[]): Promise<NamesOf> {
    const campaignIds = [...new Set(obligations.map((o) => o.campaignId))];
    const [book, campaigns] = await Promise.all([
      this.names.book(district, { units: obligations.map((o) => o.unitId), members: obligations.flatMap((o) => (o.memberId ? [o.memberId] : [])) }),
      campaignIds.length ? this.campaigns.names(district, campaignIds) : [],
    ]);
    const campaignNames = new Map(campaigns.map((campaign) => [campaign._id, campaign.name]));
    return (o) => ({
      unitName: book.unit(o.unitId) ?? o.unitId,
      memberName: o.memberId ? (book.member(o.memberId) ?? o.memberId) : '',
      campaignName: campaignNames.get(o.campaignId) ?? '',
    });
  }

  /** As a response shows them: names beside ids, the description in the caller's language. */
  async present(district: string, obligations: Obligation[]): Promise<(Obligation & ObligationNames & { description: string })[]> {
    const namesOf = await this.namesOf(district, obligations);
    return obligations.map((o) => {
      const names = namesOf(o);
      return { ...o, ...names, memberName: o.memberId ? names.memberName : '', description: describeObligation(o, names) };
    });
  }

  /** The event announcing that the obligation is now in `status` (from `at`); none for a reopening. */
  envelope(district: string, obligation: Obligation, status: ObligationStatus, at: Date, names: ObligationNames): EventEnvelope | null {
    const descriptions = describeObligationInAll(obligation, names);
    const payload = {
      obligationId: obligation._id,
      campaignId: obligation.campaignId,
      kind: obligation.kind,
      memberId: obligation.memberId ?? null,
      unitId: obligation.unitId,
      dueAt: new Date(obligation.dueAt).toISOString(),
      periodKey: obligation.periodKey,
      description: descriptions['zh-CN'],
      descriptions,
    };
    switch (status) {
      case 'at-risk':
        return this.publisher.envelope(ObligationAtRisk, { ...payload, status }, district);
      case 'missed':
        return this.publisher.envelope(ObligationMissed, { ...payload, status }, district);
      case 'met':
        return this.publisher.envelope(ObligationMet, { ...payload, status, metAt: at.toISOString() }, district);
      case 'waived':
        return this.publisher.envelope(ObligationWaived, { ...payload, status, waivedAt: at.toISOString(), reason: 'member-left' }, district);
      default:
        return null;
    }
  }
}
