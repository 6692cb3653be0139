import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Explanation } from '../../api/types';
import { QueryState } from '../../components/status';
import { useLiveScores } from '../dashboard/useLiveScores';
import { explanationSum, roundPoints } from './explanation';

/** Every line of the member's score, grouped by indicator; the lines add up to the total shown. Reloads as it changes. */
export function ScoreExplained({ campaignId, memberId }: { campaignId: string; memberId: string }) {
  const { t, i18n } = useTranslation();
  const explanation = useQuery({
    queryKey: ['explain', campaignId, memberId],
    queryFn: () => api<Explanation>('assessment-scoring', `/campaigns/${campaignId}/members/${memberId}/explain`),
  });
  // The scheme names its indicators (学习, 心得与调研…); a version's names hold for the lines it scored.
  const indicatorNames = useQuery({
    queryKey: ['schemes', campaignId],
    queryFn: () => api<{ version: number; indicators: { id: string; name: string }[] }[]>('assessment-scoring', `/campaigns/${campaignId}/schemes`),
    select: (versions) => new Map(versions.flatMap((version) => version.indicators.map((indicator) => [indicator.id, indicator.name] as const))),
    staleTime: 10 * 60_000,
  });
  useLiveScores(campaignId, [['explain', campaignId, memberId]]);
  return (
    <section className="card" aria-labelledby="score-heading">
      <h2 id="score-heading">{t('member.score')}</h2>
      <QueryState query={explanation}>
        {(explained) => {
          const check = explanationSum(explained);
          return (
            <>
              <p className="total" data-total={roundPoints(explained.total)}>
                {t('member.total', { total: roundPoints(explained.total) })}
              </p>
              <p className="sum-check">{t('member.sumCheck', { count: check.count, sum: check.sum })}</p>
              <table className="explained">
                <caption>{t('member.explained')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('member.indicator')}</th>
                    <th scope="col">{t('member.line')}</th>
                    <th scope="col" className="number">
                      {t('dashboard.points')}
                    </th>
                  </tr>
                </thead>
                {explained.indicators.map((indicator) => (
                  <tbody key={indicator.indicatorId} data-indicator={indicator.indicatorId}>
                    {indicator.lines.map((line) => (
                      <tr key={line.lineId} data-points={line.points}>
                        <th scope="row">{indicatorNames.data?.get(indicator.indicatorId) ?? indicator.indicatorId}</th>
                        <td>
                          <time dateTime={line.occurredAt}>{new Date(line.occurredAt).toLocaleDateString(i18n.resolvedLanguage)}</time> {line.explanation}
                        </td>
                        <td className="number">
                          {line.points > 0 ? '+' : ''}
                          {roundPoints(line.points)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                ))}
              </table>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
