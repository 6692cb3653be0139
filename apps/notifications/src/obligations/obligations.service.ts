import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EventEnvelope, PayloadOf, ObligationAtRisk, ObligationMet, ObligationMissed, ObligationWaived } from '@campaign/contracts';
import { Localised, sameInEveryLocale } from '../templates/localised-values';
import { applyIfNewer } from '../store/write-guards';
import { TRACKED_OBLIGATION, TrackedObligation } from './obligation.schema';

type ObligationPayload = PayloadOf<typeof ObligationAtRisk> | PayloadOf<typeof ObligationMissed> | PayloadOf<typeof ObligationMet> | PayloadOf<typeof ObligationWaived>;

/** What the obligation is, in every language; an event older than the translated descriptions gives its Chinese one for all. */
export function descriptionOf(obligation: Pick<TrackedObligation, 'description' | 'descriptions'>): Localised {
  return obligation.descriptions ?? sameInEveryLocale(obligation.description);
}

const OUTSTANDING = ['open', 'at-risk', 'missed'];
const GAPS = ['at-risk', 'missed'];

@Injectable()
export class ObligationsService {
  constructor(@InjectModel(TRACKED_OBLIGATION) private readonly obligations: Model<TrackedObligation>) {}

  /** Applies the event if it is the newest heard of; returns the obligation as it now stands. */
  async apply(event: EventEnvelope<ObligationPayload>): Promise<TrackedObligation | null> {
    const { payload, district } = event;
    await applyIfNewer(this.obligations, { district, obligationId: payload.obligationId }, 'lastEventAt', new Date(event.occurredAt), {
      campaignId: payload.campaignId,
      kind: payload.kind,
      memberId: payload.memberId,
      unitId: payload.unitId,
      dueAt: new Date(payload.dueAt),
      periodKey: payload.periodKey,
      description: payload.description,
      descriptions: payload.descriptions ?? null,
      status: payload.status,
    });
    return this.obligations.findOne({ district, obligationId: payload.obligationId }).lean<TrackedObligation>();
  }

  outstandingFor(district: string, memberId: string): Promise<TrackedObligation[]> {
    return this.obligations.find({ district, memberId, status: { $in: OUTSTANDING } }).sort({ dueAt: 1 }).limit(50).lean<TrackedObligation[]>();
  }

  gapsInUnit(district: string, unitId: string): Promise<TrackedObligation[]> {
    return this.obligations.find({ district, unitId, status: { $in: GAPS } }).sort({ dueAt: 1 }).limit(200).lean<TrackedObligation[]>();
  }

  dueBetween(district: string, from: Date, to: Date): Promise<TrackedObligation[]> {
    return this.obligations.find({ district, dueAt: { $gte: from, $lt: to } }).lean<TrackedObligation[]>();
  }
}
