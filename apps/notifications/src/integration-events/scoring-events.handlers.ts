import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AppraisalFinalised, EventEnvelope, PayloadOf, RankingPublished } from '@campaign/contracts';
import { InboxEventPattern } from '@campaign/messaging';
import { DirectoryService } from '../directory/directory.service';
import { notificationText } from '../i18n/messages';
import { Addressee, RuleEngine } from '../rules/rule-engine.service';
import { honourClause, periodLabel, ratingLabel } from '../templates/localised-values';

type Envelope<D> = EventEnvelope<PayloadOf<D>>;

/** assessment-scoring's results, to the office holders of the units and the members they concern. */
@Controller()
export class ScoringEventHandlers {
  constructor(
    private readonly engine: RuleEngine,
    private readonly directory: DirectoryService,
  ) {}

  /** Each ranked unit's office holders (by the rule's audience) hear their own unit's rank; for a ranking of members, their own. */
  @InboxEventPattern(RankingPublished)
  async onRankingPublished(@Payload() event: Envelope<typeof RankingPublished>): Promise<void> {
    const { district, payload } = event;
    const unitIds = await this.rankedUnits(district, payload);
    await this.engine.fire({
      district,
      trigger: 'ranking-published',
      sourceEventId: event.eventId,
      variables: { period: periodLabel(payload.period) },
      addressees: async (audience) => {
        const addressees: Addressee[] = [];
        for (const unitId of unitIds) {
          const unitName = await this.directory.unitName(district, unitId);
          for (const member of await this.directory.audience(district, audience, { unitIds: [unitId] })) {
            const subjectId = payload.subjectType === 'unit' ? unitId : member.memberId;
            const entry = payload.entries.find((candidate) => candidate.subjectId === subjectId);
            const rank = entry ? String(entry.rank) : notificationText.all('rank.none');
            addressees.push({ member, variables: { unitName, rank, points: entry ? String(entry.points) : '-' } });
          }
        }
        return addressees;
      },
    });
  }

  @InboxEventPattern(AppraisalFinalised)
  async onAppraisalFinalised(@Payload() event: Envelope<typeof AppraisalFinalised>): Promise<void> {
    const { district, payload } = event;
    await this.engine.fire({
      district,
      trigger: 'appraisal-finalised',
      sourceEventId: event.eventId,
      variables: {},
      addressees: async (audience) => {
        const addressees: Addressee[] = [];
        for (const result of payload.results) {
          const variables = { rating: ratingLabel(result.rating), honour: honourClause(result.honour) };
          const scope = result.subjectType === 'member' ? { unitIds: [result.unitId], memberId: result.subjectId } : { unitIds: [result.subjectId] };
          const subjectName = result.subjectType === 'member' ? null : await this.directory.unitName(district, result.subjectId);
          for (const member of await this.directory.audience(district, audience, scope)) {
            addressees.push({ member, variables: { ...variables, subjectName: subjectName ?? member.name } });
          }
        }
        return addressees;
      },
    });
  }

  /** The units whose office holders hear of a ranking: ranked units, the unit scope, or the units of ranked members. */
  private async rankedUnits(district: string, ranking: PayloadOf<typeof RankingPublished>): Promise<string[]> {
    if (ranking.subjectType === 'unit') return ranking.entries.map((entry) => entry.subjectId);
    if (ranking.scope === 'unit' && ranking.scopeId) return [ranking.scopeId];
    const members = await this.directory.activeMembers(district, ranking.entries.map((entry) => entry.subjectId));
    return [...new Set(members.map((member) => member.unitId))];
  }
}
