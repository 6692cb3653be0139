import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AuditService } from '../audit/audit.service';
import { reason } from '../rules/reasons';
import { versionInForce } from '../rules/scheme.definition';
import { SchemesService } from '../schemes/schemes.service';
import { LedgerService } from './ledger.service';
import { SCORE_FACT, ScoreFact } from './score-fact.schema';
import { ScoringService } from './scoring.service';

export interface RecomputeReport {
  campaignId: string;
  facts: number;
  reversed: number;
  added: number;
}

/**
 * Rescores a campaign's records under the scheme version in force on each record's day. First every line of
 * another version is reversed (so caps count only current lines), then the records are scored again in the
 * order they happened. Both steps are idempotent: reversals and lines are unique per source, rule and subject.
 */
@Injectable()
export class RecomputeService {
  constructor(
    @InjectModel(SCORE_FACT) private readonly facts: Model<ScoreFact>,
    private readonly ledger: LedgerService,
    private readonly scoring: ScoringService,
    private readonly schemes: SchemesService,
    private readonly audit: AuditService,
  ) {}

  async recompute(district: string, campaignId: string, actor: string, fromDay?: string): Promise<RecomputeReport> {
    const versions = await this.schemes.allVersions(district, campaignId);
    const facts = await this.facts.find({ district, campaignId, ...(fromDay ? { day: { $gte: fromDay } } : {}) }).sort({ at: 1, factKey: 1 }).lean();
    let reversed = 0;
    for (const fact of facts) {
      const version = versionInForce(versions, fact.day)?.version ?? null;
      const outdated = await this.ledger.find({ district, campaignId, sourceEventId: fact.eventId, kind: 'rule', schemeVersion: { $ne: version } });
      reversed += (await this.ledger.reverse(district, outdated, version === null ? reason('reason.recomputed-without-scheme') : reason('reason.recomputed', { version }))).length;
    }
    let added = 0;
    for (const fact of facts) {
      const version = versionInForce(versions, fact.day);
      if (version) added += (await this.scoring.score(district, fact.fact, version)).length;
    }
    const report = { campaignId, facts: facts.length, reversed, added };
    await this.audit.record({ district, campaignId, action: 'scheme.recomputed', actor, target: `campaign:${campaignId}`, details: { ...report, fromDay: fromDay ?? null } });
    return report;
  }
}
