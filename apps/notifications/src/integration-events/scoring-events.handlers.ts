import { Injectable } from '@nestjs/common';
import { AppraisalFinalised, EventEnvelope, PayloadOf, RankingPublished } from '@campaign/contracts';
import { OnEvent } from '@campaign/messaging';
import { DirectoryService } from '../directory/directory.service';
import { Addressee, RuleEngine } from '../rules/rule-engine.service';

type Envelope<D> = EventEnvelope<PayloadOf<D>>;

const RATING_LABELS: Record<string, string> = { excellent: '优秀 excellent', good: '良好 good', pass: '合格 pass', fail: '不合格 fail' };
const HONOUR_LABELS: Record<string, string> = { 'advanced-collective': '，先进集体 advanced collective', 'excellent-member': '，优秀党员 excellent member' };

/** assessment-scoring's results, to the unit admins and members they concern. */
@Injectable()
export class ScoringEventHandlers {
  constructor(
    private readonly engine: RuleEngine,
    private readonly directory: DirectoryService,
  ) {}

  @OnEvent(RankingPublished)
  async onRankingPublished(event: Envelope<typeof RankingPublished>): Promise<void> {
    const { district, payload } = event;
    const unitIds = await this.rankedUnits(district, payload);
    await this.engine.fire({
      district,
      trigger: 'ranking-published',
      sourceEventId: event.eventId,
      variables: { period: payload.period },
      addressees: async () => {
        const admins = await this.directory.unitAdmins(district, unitIds);
        return Promise.all(
          admins.map(async (member) => {
            const subjectId = payload.subjectType === 'unit' ? member.unitId : member.memberId;
            const entry = payload.entries.find((candidate) => candidate.subjectId === subjectId);
            const variables = { unitName: await this.directory.unitName(district, member.unitId), rank: entry ? String(entry.rank) : '-', points: entry ? String(entry.points) : '-' };
            return { member, variables };
          }),
        );
      },
    });
  }

  @OnEvent(AppraisalFinalised)
  async onAppraisalFinalised(event: Envelope<typeof AppraisalFinalised>): Promise<void> {
    const { district, payload } = event;
    await this.engine.fire({
      district,
      trigger: 'appraisal-finalised',
      sourceEventId: event.eventId,
      variables: {},
      addressees: async () => {
        const addressees: Addressee[] = [];
        for (const result of payload.results) {
          const variables = { rating: RATING_LABELS[result.rating], honour: result.honour ? HONOUR_LABELS[result.honour] : '' };
          if (result.subjectType === 'member') {
            const [member] = await this.directory.activeMembers(district, [result.subjectId]);
            if (member) addressees.push({ member, variables: { ...variables, subjectName: member.name } });
          } else {
            const subjectName = await this.directory.unitName(district, result.subjectId);
            for (const member of await this.directory.unitAdmins(district, [result.subjectId])) addressees.push({ member, variables: { ...variables, subjectName } });
          }
        }
        return addressees;
      },
    });
  }

  /** The units whose admins hear of a ranking: ranked units, the unit scope, or the units of ranked members. */
  private async rankedUnits(district: string, ranking: PayloadOf<typeof RankingPublished>): Promise<string[]> {
    if (ranking.subjectType === 'unit') return ranking.entries.map((entry) => entry.subjectId);
    if (ranking.scope === 'unit' && ranking.scopeId) return [ranking.scopeId];
    const members = await this.directory.activeMembers(district, ranking.entries.map((entry) => entry.subjectId));
    return [...new Set(members.map((member) => member.unitId))];
  }
}
