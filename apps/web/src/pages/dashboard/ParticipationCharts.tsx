import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../../api/client';
import type { Unit } from '../../api/types';
import { rootsOf } from '../../app/units';
import { Empty, QueryState } from '../../components/status';

export interface UnitParticipation {
  unitId: string;
  name: string;
  attendance: { present: number; excused: number; absent: number; rate: number | null };
  studyHours: number;
  submissions: { total: number; onTime: number; onTimeRate: number | null };
}

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** Attendance rate, study hours and submissions on time of each unit under the caller's top unit, as charts and a table. */
export function ParticipationCharts({ campaignId, units }: { campaignId: string; units: Unit[] }) {
  const { t } = useTranslation();
  const root = rootsOf(units)[0];
  const participation = useQuery({
    queryKey: ['participation', campaignId, root?.unitId],
    queryFn: () => api<UnitParticipation[]>('activity-records', `/units/${root?.unitId}/participation?campaignId=${campaignId}`),
    enabled: Boolean(root),
    // Units with nothing recorded yet would only crowd the charts.
    select: (rows) => rows.filter((row) => row.attendance.rate !== null || row.studyHours > 0 || row.submissions.total > 0),
  });
  if (!root) return null;
  const charts = [
    { key: 'attendanceRate', label: t('dashboard.attendanceRate'), value: (row: UnitParticipation) => percent(row.attendance.rate), unit: '%' },
    { key: 'studyHours', label: t('dashboard.studyHours'), value: (row: UnitParticipation) => row.studyHours, unit: '' },
    { key: 'submissionsOnTime', label: t('dashboard.submissionsOnTime'), value: (row: UnitParticipation) => percent(row.submissions.onTimeRate), unit: '%' },
  ];
  return (
    <section className="card" aria-labelledby="participation-heading">
      <h2 id="participation-heading">{t('dashboard.participation')}</h2>
      <QueryState query={participation}>
        {(rows) =>
          rows.length === 0 ? (
            <Empty />
          ) : (
            <>
              <div className="charts">
                {charts.map((chart) => (
                  <figure key={chart.key} className="chart" aria-label={chart.label}>
                    <figcaption>{chart.label}</figcaption>
                    <ResponsiveContainer width="100%" height={Math.max(140, rows.length * 26)}>
                      <BarChart data={rows.map((row) => ({ name: row.name, value: chart.value(row) ?? 0 }))} layout="vertical" margin={{ left: 8, right: 16 }}>
                        <CartesianGrid strokeDasharray="3 3" />
                        <XAxis type="number" unit={chart.unit} />
                        <YAxis type="category" dataKey="name" width={110} />
                        <Tooltip />
                        <Bar dataKey="value" name={chart.label} fill="#1f6feb" isAnimationActive={false} />
                      </BarChart>
                    </ResponsiveContainer>
                  </figure>
                ))}
              </div>
              <table className="participation">
                <caption className="visually-hidden">{t('dashboard.participation')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.unit')}</th>
                    {charts.map((chart) => (
                      <th key={chart.key} scope="col" className="number">
                        {chart.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.unitId} data-unit-id={row.unitId}>
                      <th scope="row">{row.name}</th>
                      {charts.map((chart) => {
                        const value = chart.value(row);
                        return (
                          <td key={chart.key} className="number">
                            {value === null ? '—' : `${value}${chart.unit}`}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )
        }
      </QueryState>
    </section>
  );
}
