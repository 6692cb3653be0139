import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { hasRole, Principal } from '@campaign/auth';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../common/access.service';
import { messages } from '../common/messages';
import { NamesService } from '../common/names.service';
import { ReconciliationReport, StandingsService } from '../standings/standings.service';
import { Explanation, ExplainService } from './explain.service';

/** A member's, unit's, system's or district's score as its caller may see it, and the audited repairs of standings. */
@Injectable()
export class ScoresService {
  constructor(
    private readonly access: AccessService,
    private readonly explainer: ExplainService,
    private readonly standings: StandingsService,
    private readonly audit: AuditService,
    private readonly names: NamesService,
  ) {}

  async explainMember(principal: Principal, campaignId: string, memberId: string, period: string): Promise<Explanation> {
    await this.access.assertCanSeeMember(principal, memberId);
    return this.explainer.explain(principal.district, campaignId, 'member', memberId, period);
  }

  async explainUnit(principal: Principal, campaignId: string, unitId: string, period: string): Promise<Explanation> {
    await this.access.assertCanManageUnit(principal, unitId);
    return this.explainer.explain(principal.district, campaignId, 'unit', unitId, period);
  }

  async standing(principal: Principal, campaignId: string, scope: string, subjectId: string, period: string) {
    const { district } = principal;
    if (scope === 'member') await this.access.assertCanSeeMember(principal, subjectId);
    else if (scope === 'unit' || scope === 'unit-members') await this.access.assertCanManageUnit(principal, subjectId);
    else if (scope !== 'system' && scope !== 'district') throw new BadRequestException(messages.t('scores.bad-scope'));
    else if (!hasRole(principal, 'district-admin')) throw new ForbiddenException(messages.t('access.district-admins-only'));
    const kind = scope === 'member' ? 'member' : scope === 'system' ? 'system' : 'unit';
    const [standing, names] = await Promise.all([this.standings.find(district, campaignId, period, scope, subjectId), scope === 'district' ? null : this.names.of(district, kind, [subjectId])]);
    if (scope === 'system' && !names?.has(subjectId)) throw new NotFoundException(messages.t('error.no-system', { systemId: subjectId }));
    if (scope === 'district' && subjectId !== district) throw new NotFoundException(messages.t('error.no-standing-subject'));
    return { campaignId, period, scope, subjectId, subjectName: names?.get(subjectId) ?? null, points: standing?.points ?? 0, lines: standing?.lines ?? 0 };
  }

  /** Compares standings with the ledger; a healing run is audited. */
  async reconcile(principal: Principal, campaignId: string, heal: boolean): Promise<ReconciliationReport> {
    const report = await this.standings.reconcile(principal.district, campaignId, heal);
    if (report.healed) await this.audit.record({ district: principal.district, campaignId, action: 'standings.reconciled', actor: principal.sub, target: `campaign:${campaignId}`, details: { drifted: report.drift.length } });
    return report;
  }

  async rebuild(principal: Principal, campaignId: string): Promise<ReconciliationReport> {
    const report = await this.standings.reconcile(principal.district, campaignId, true);
    await this.audit.record({ district: principal.district, campaignId, action: 'standings.reconciled', actor: principal.sub, target: `campaign:${campaignId}`, details: { rebuilt: true, drifted: report.drift.length } });
    return report;
  }
}
