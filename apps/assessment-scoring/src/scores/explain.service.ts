import { Injectable } from '@nestjs/common';
import { FilterQuery } from 'mongoose';
import { LedgerLine } from '../ledger/ledger-line.schema';
import { LedgerService } from '../ledger/ledger.service';
import { LineView } from '../ledger/line-view';
import { ledgerFieldOfPeriod } from '../rules/periods';
import { round2 } from '../rules/rule-engine';
import { StandingsService } from '../standings/standings.service';
import { explanationOf } from '../common/explanations';
import { NamesService } from '../common/names.service';
import { SchemesService } from '../schemes/schemes.service';

export interface ExplainedLine extends LineView {
  kind: string;
  ruleId: string;
  schemeVersion: number | null;
  sourceEventId: string;
}

export interface Explanation {
  subjectType: 'member' | 'unit';
  subjectId: string;
  subjectName: string | null;
  campaignId: string;
  period: string;
  /** The sum of every line below. */
  total: number;
  /** What the maintained standing says; equal to `total` unless there is drift for reconciliation to heal. */
  standing: number;
  indicators: Array<{ indicatorId: string; indicatorName: string | null; total: number; lines: ExplainedLine[] }>;
}

/** The lines that make up a score, grouped by indicator, each explained in the reader's language, names beside ids. */
@Injectable()
export class ExplainService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly standings: StandingsService,
    private readonly schemes: SchemesService,
    private readonly names: NamesService,
  ) {}

  async explain(district: string, campaignId: string, subjectType: 'member' | 'unit', subjectId: string, period: string): Promise<Explanation> {
    const field = ledgerFieldOfPeriod(period);
    const filter: FilterQuery<LedgerLine> & { district: string } = { district, campaignId, subjectType, subjectId, ...(field ? { [field]: period } : {}) };
    const [lines, standing, versions] = await Promise.all([this.ledger.find(filter), this.standings.find(district, campaignId, period, subjectType, subjectId), this.schemes.allVersions(district, campaignId)]);
    const [subjectNames, unitNames] = await Promise.all([this.names.of(district, subjectType, [subjectId]), this.names.of(district, 'unit', lines.map((line) => line.unitId))]);
    // The newest version's name of each indicator.
    const indicatorNames = new Map(versions.flatMap((version) => version.indicators.map((indicator) => [indicator.id, indicator.name] as const)));
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
        unitName: unitNames.get(line.unitId) ?? null,
        points: line.points,
        // Lines written before reasons were kept show their text as written.
        explanation: line.reasons?.length ? explanationOf(line.reasons, line.points) : line.explanation,
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
      .map(([indicatorId, group]) => ({ indicatorId, indicatorName: indicatorNames.get(indicatorId) ?? null, total: round2(group.reduce((sum, line) => sum + line.points, 0)), lines: group }));
    return {
      subjectType,
      subjectId,
      subjectName: subjectNames.get(subjectId) ?? null,
      campaignId,
      period,
      total: round2(indicators.reduce((sum, indicator) => sum + indicator.total, 0)),
      standing: round2(standing?.points ?? 0),
      indicators,
    };
  }
}
