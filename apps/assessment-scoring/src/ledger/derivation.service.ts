import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AuditService } from '../audit/audit.service';
import { messages } from '../common/messages';
import { ORG_MEMBER } from '@campaign/org-read-model';
import { MemberView } from '../integration-events/read-model.schemas';
import { firstDayOf } from '../rules/periods';
import { derivedUnitPoints, round2 } from '../rules/rule-engine';
import { reason } from '../rules/reasons';
import { RuleOf } from '../rules/scheme.definition';
import { SchemesService } from '../schemes/schemes.service';
import { LEDGER_LINE, LedgerLine } from './ledger-line.schema';
import { LedgerService, LineDraft } from './ledger.service';
import { SCORE_FACT, ScoreFact } from './score-fact.schema';

export type DerivationWindow = 'week' | 'month' | 'year';

export interface DerivationReport {
  campaignId: string;
  periodKey: string;
  schemeVersion: number | null;
  units: number;
  lines: number;
}

type Ratio = { numerator: number; denominator: number };

/**
 * Unit indicators derived from members (attendance rate, share meeting requirements) for a closed period.
 * Running it again appends only the difference as a new line, so late records are caught up without edits.
 */
@Injectable()
export class DerivationService {
  constructor(
    @InjectModel(SCORE_FACT) private readonly facts: Model<ScoreFact>,
    @InjectModel(ORG_MEMBER) private readonly members: Model<MemberView>,
    @InjectModel(LEDGER_LINE) private readonly lines: Model<LedgerLine>,
    private readonly ledger: LedgerService,
    private readonly schemes: SchemesService,
    private readonly audit: AuditService,
  ) {}

  async derive(district: string, campaignId: string, window: DerivationWindow, periodKey: string, actor: string): Promise<DerivationReport> {
    const firstDay = this.firstDay(window, periodKey);
    const scheme = await this.schemes.inForce(district, campaignId, firstDay);
    const report: DerivationReport = { campaignId, periodKey, schemeVersion: scheme?.version ?? null, units: 0, lines: 0 };
    if (!scheme) return report;
    const occurredAt = this.ledger.noonOf(firstDay);
    const keys = this.ledger.keysOf(occurredAt);
    const units = new Set<string>();
    for (const indicator of scheme.indicators) {
      for (const rule of indicator.rules) {
        if (rule.kind !== 'unit-member-rate' || rule.period !== window) continue;
        const ratios = rule.measure === 'attendance-rate' ? await this.attendanceRates(district, campaignId, rule, periodKey) : await this.requirementShares(district, campaignId, rule, periodKey);
        for (const [unitId, ratio] of ratios) {
          units.add(unitId);
          const target = derivedUnitPoints(rule, ratio.numerator, ratio.denominator);
          const sourceEventId = `derived:${rule.id}:${periodKey}`;
          const earlier = await this.ledger.find({ district, campaignId, sourceEventId, subjectType: 'unit', subjectId: unitId });
          const held = round2(earlier.reduce((sum, line) => sum + line.points, 0));
          const delta = round2(target.points - held);
          if (Math.abs(delta) < 0.005) continue;
          const draft: LineDraft = {
            campaignId,
            sourceEventId,
            ruleKey: `${rule.id}@v${scheme.version}#${earlier.length + 1}`,
            ruleId: rule.id,
            kind: 'derived',
            schemeVersion: scheme.version,
            indicatorId: indicator.id,
            subjectType: 'unit',
            subjectId: unitId,
            unitId,
            systemIds: await this.ledger.systemsOf(district, unitId),
            carrierId: null,
            points: delta,
            reasons: [reason('reason.period', { period: periodKey }), ...target.reasons, ...(earlier.length === 0 ? [] : [reason('reason.already-granted', { held, delta })])],
            occurredAt,
            recordedAt: new Date(),
            ...keys,
            reason: null,
            author: null,
            correctsLineId: null,
          };
          report.lines += (await this.ledger.append(district, [draft])).length;
        }
      }
    }
    report.units = units.size;
    await this.audit.record({ district, campaignId, action: 'ledger.derived', actor, target: `period:${periodKey}`, details: { ...report } });
    return report;
  }

  private firstDay(window: DerivationWindow, periodKey: string): string {
    const patterns = { week: /^\d{4}-W\d{2}$/, month: /^\d{4}-\d{2}$/, year: /^\d{4}$/ };
    if (!patterns[window].test(periodKey)) throw new BadRequestException(messages.t('derivation.bad-period-key', { periodKey, window: messages.t(`window.${window}`) }));
    return firstDayOf(periodKey);
  }

  /** Present over present-or-unexcused-absent attendances attributed to each unit in the period. */
  private async attendanceRates(district: string, campaignId: string, rule: RuleOf<'unit-member-rate'>, periodKey: string): Promise<Map<string, Ratio>> {
    const attendances = await this.facts
      .find({ district, campaignId, type: 'attendance', [rule.period]: periodKey, status: { $in: ['present', 'absent'] }, ...(rule.activityKinds ? { activityKind: { $in: rule.activityKinds } } : {}) })
      .select('unitId status')
      .lean();
    const ratios = new Map<string, Ratio>();
    for (const attendance of attendances) {
      const ratio = ratios.get(attendance.unitId) ?? { numerator: 0, denominator: 0 };
      ratio.denominator += 1;
      if (attendance.status === 'present') ratio.numerator += 1;
      ratios.set(attendance.unitId, ratio);
    }
    return ratios;
  }

  /** Active members of each unit who have met every named required-count rule in the period. */
  private async requirementShares(district: string, campaignId: string, rule: RuleOf<'unit-member-rate'>, periodKey: string): Promise<Map<string, Ratio>> {
    const required = rule.requirementRuleIds ?? [];
    const [members, metLines] = await Promise.all([
      this.members.find({ district, status: 'active' }).select('memberId unitId').lean(),
      this.lines.find({ district, campaignId, subjectType: 'member', ruleId: { $in: required }, [rule.period]: periodKey }).select('subjectId ruleId points').lean(),
    ]);
    const netByMemberRule = new Map<string, number>();
    for (const line of metLines) netByMemberRule.set(`${line.subjectId}|${line.ruleId}`, (netByMemberRule.get(`${line.subjectId}|${line.ruleId}`) ?? 0) + line.points);
    const ratios = new Map<string, Ratio>();
    for (const member of members) {
      const ratio = ratios.get(member.unitId) ?? { numerator: 0, denominator: 0 };
      ratio.denominator += 1;
      if (required.every((ruleId) => (netByMemberRule.get(`${member.memberId}|${ruleId}`) ?? 0) > 0)) ratio.numerator += 1;
      ratios.set(member.unitId, ratio);
    }
    return ratios;
  }
}
