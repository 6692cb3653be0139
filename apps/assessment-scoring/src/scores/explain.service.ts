import { Injectable } from '@nestjs/common';
import { FilterQuery } from 'mongoose';
import { LedgerLine } from '../ledger/ledger-line.schema';
import { LedgerService } from '../ledger/ledger.service';
import { ledgerFieldOfPeriod } from '../rules/periods';
import { round2 } from '../rules/rule-engine';
import { StandingsService } from '../standings/standings.service';

export interface ExplainedLine {
  lineId: string;
  kind: string;
  ruleId: string;
  schemeVersion: number | null;
  sourceEventId: string;
  unitId: string;
  points: number;
  explanation: string;
  /** When what it scores happened: the line's periods follow it. */
  occurredAt: Date;
  /** When it was recorded; with `lateEntry`, after the week it counts in had ended (补录). */
  recordedAt: Date;
  lateEntry: boolean;
  reason: string | null;
  author: string | null;
}

export interface Explanation {
  subjectType: 'member' | 'unit';
  subjectId: string;
  campaignId: string;
  period: string;
  /** The sum of every line below. */
  total: number;
  /** What the maintained standing says; equal to `total` unless there is drift for reconciliation to heal. */
  standing: number;
  indicators: Array<{ indicatorId: string; total: number; lines: ExplainedLine[] }>;
}

/** The lines that make up a score, grouped by indicator. */
@Injectable()
export class ExplainService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly standings: StandingsService,
  ) {}

  async explain(district: string, campaignId: string, subjectType: 'member' | 'unit', subjectId: string, period: string): Promise<Explanation> {
    const field = ledgerFieldOfPeriod(period);
    const filter: FilterQuery<LedgerLine> & { district: string } = { district, campaignId, subjectType, subjectId, ...(field ? { [field]: period } : {}) };
    const [lines, standing] = await Promise.all([this.ledger.find(filter), this.standings.find(district, campaignId, period, subjectType, subjectId)]);
    const groups = new Map<string, ExplainedLine[]>();
    for (const line of lines) {
      const group = groups.get(line.indicatorId) ?? [];
      group.push({
        lineId: String(line._id),
        kind: line.kind,
        ruleId: line.ruleId,
        schemeVersion: line.schemeVersion,
        sourceEventId: line.sourceEventId,
        unitId: line.unitId,
        points: line.points,
        explanation: line.explanation,
        occurredAt: line.occurredAt,
        // Lines written before the recording time was kept: their insertion is the closest there is.
        recordedAt: line.recordedAt ?? line.createdAt,
        lateEntry: line.lateEntry ?? false,
        reason: line.reason,
        author: line.author,
      });
      groups.set(line.indicatorId, group);
    }
    const indicators = [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([indicatorId, group]) => ({ indicatorId, total: round2(group.reduce((sum, line) => sum + line.points, 0)), lines: group }));
    return {
      subjectType,
      subjectId,
      campaignId,
      period,
      total: round2(indicators.reduce((sum, indicator) => sum + indicator.total, 0)),
      standing: round2(standing?.points ?? 0),
      indicators,
    };
  }
}
