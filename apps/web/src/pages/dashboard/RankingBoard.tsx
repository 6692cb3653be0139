import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../../api/client';
import type { Movers, RankingPage, System, Unit } from '../../api/types';
import { rootsOf } from '../../app/units';
import { Empty, Pager, QueryState } from '../../components/status';
import { boardQuery, BoardScope } from './ranking-board';
import { useLiveScores } from './useLiveScores';
import { thisAndLastWeek } from './weeks';

const PAGE_SIZE = 20;

/** The unit ranking (比学赶超) by district, system or subtree, with this week's movers; reloads as scores change. */
export function RankingBoard({ campaignId, units }: { campaignId: string; units: Unit[] }) {
  const { t, i18n } = useTranslation();
  const [scope, setScope] = useState<BoardScope>({ kind: 'district' });
  const [page, setPage] = useState(1);
  const names = new Map(units.map((unit) => [unit.unitId, unit.name]));
  const systems = useQuery({ queryKey: ['systems'], queryFn: () => api<System[]>('org-registry', '/systems'), staleTime: 5 * 60_000 });
  const query = boardQuery(campaignId, scope, units, page, PAGE_SIZE);
  const ranking = useQuery({ queryKey: ['ranking', campaignId, scope, page], queryFn: query, placeholderData: keepPreviousData });
  const weeks = thisAndLastWeek();
  const movers = useQuery({
    queryKey: ['ranking', campaignId, 'movers', weeks.to],
    queryFn: () => api<Movers>('assessment-scoring', `/campaigns/${campaignId}/rankings/movers?scope=district-units&from=${weeks.from}&to=${weeks.to}`),
  });
  const live = useLiveScores(campaignId, [['ranking', campaignId], ['participation', campaignId]]);
  const asOf = ranking.dataUpdatedAt ? new Date(ranking.dataUpdatedAt).toLocaleString(i18n.resolvedLanguage) : '';
  const roots = rootsOf(units);

  const chooseScope = (value: string) => {
    setPage(1);
    const [kind, id] = value.split(':');
    setScope(kind === 'system' ? { kind: 'system', systemId: id } : kind === 'subtree' ? { kind: 'subtree', unitId: id } : { kind: 'district' });
  };
  const scopeValue = scope.kind === 'system' ? `system:${scope.systemId}` : scope.kind === 'subtree' ? `subtree:${scope.unitId}` : 'district';
  const subtreeChoices = units.filter((unit) => roots.some((root) => root.unitId === unit.unitId || root.unitId === unit.parentId));

  return (
    <section className="card ranking" aria-labelledby="ranking-heading">
      <div className="card-head">
        <h2 id="ranking-heading">{t('dashboard.ranking')}</h2>
        <p className={`live ${live}`} role="status" data-live={live}>
          {live === 'live' ? t('dashboard.live') : t('dashboard.liveConnecting')}
          {asOf && <> · {t('common.asOf', { time: asOf })}</>}
        </p>
      </div>
      <Field label={t('dashboard.rankingBy')}>
        {(id) => (
          <select id={id} value={scopeValue} onChange={(event) => chooseScope(event.target.value)}>
          <option value="district">{t('dashboard.byDistrict')}</option>
          {(systems.data ?? []).map((system) => (
            <option key={system.systemId} value={`system:${system.systemId}`}>
              {t('dashboard.bySystem')}：{system.name}
            </option>
          ))}
          {subtreeChoices.map((unit) => (
            <option key={unit.unitId} value={`subtree:${unit.unitId}`}>
              {t('dashboard.bySubtree')}：{unit.name}
            </option>
          ))}
          </select>
        )}
      </Field>
      <QueryState query={ranking}>
        {(board: RankingPage) =>
          board.entries.length === 0 ? (
            <Empty />
          ) : (
            <>
              <table className="board">
                <caption className="visually-hidden">{t('dashboard.ranking')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.rank')}</th>
                    <th scope="col">{t('dashboard.unit')}</th>
                    <th scope="col" className="number">
                      {t('dashboard.points')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {board.entries.map((entry) => (
                    <tr key={entry.subjectId} data-unit-id={entry.subjectId} data-points={entry.points}>
                      <td>{entry.rank}</td>
                      <th scope="row">{names.get(entry.subjectId) ?? entry.subjectId}</th>
                      <td className="number">{entry.points}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager page={page} pageSize={PAGE_SIZE} total={board.total} onPage={setPage} />
              <figure className="chart" aria-label={t('dashboard.chart')}>
                <figcaption>{t('dashboard.chart')}</figcaption>
                <ResponsiveContainer width="100%" height={Math.max(160, board.entries.length * 28)}>
                  <BarChart data={board.entries.map((entry) => ({ name: names.get(entry.subjectId) ?? entry.subjectId, points: entry.points }))} layout="vertical" margin={{ left: 24 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis type="number" allowDecimals={false} />
                    <YAxis type="category" dataKey="name" width={140} />
                    <Tooltip />
                    <Bar dataKey="points" name={t('dashboard.points')} fill="#b91c1c" isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </figure>
            </>
          )
        }
      </QueryState>
      <h3>{t('dashboard.movers')}</h3>
      <QueryState query={movers}>
        {(moved) =>
          moved.climbed.length + moved.fell.length === 0 ? (
            <p>{t('dashboard.noMovers')}</p>
          ) : (
            <ul className="movers">
              {moved.climbed.slice(0, 5).map((mover) => (
                <li key={mover.subjectId} className="up">
                  ▲ {names.get(mover.subjectId) ?? mover.subjectId} {t('dashboard.moverUp', { n: mover.change })}
                </li>
              ))}
              {moved.fell.slice(0, 5).map((mover) => (
                <li key={mover.subjectId} className="down">
                  ▼ {names.get(mover.subjectId) ?? mover.subjectId} {t('dashboard.moverDown', { n: -mover.change })}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}
