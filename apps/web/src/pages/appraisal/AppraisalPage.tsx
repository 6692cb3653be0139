import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../../api/client';
import type { System, Unit } from '../../api/types';
import { useCampaign } from '../../app/campaign';
import { useUnits } from '../../app/units';
import { hasRole, useClaims } from '../../auth/session';
import { Field } from '../../components/Field';
import { Empty, ErrorMessage, QueryState } from '../../components/status';

const RATINGS = ['excellent', 'good', 'pass', 'fail'] as const;
type Rating = (typeof RATINGS)[number];
const RATING_COLOURS: Record<Rating, string> = { excellent: '#116329', good: '#1f6feb', pass: '#9a6700', fail: '#a61b1b' };

interface Appraisal {
  subjectType: 'member' | 'unit';
  subjectId: string;
  unitId: string;
  selfEvaluation: { summary: string; proposedRating: Rating | null } | null;
  review: { rating: Rating; comment: string } | null;
  honour: string | null;
  frozen: boolean;
}

interface Round {
  status: string;
  finalisedAt: string | null;
}

type Distribution = Record<Rating, number> & { total: number };

interface Calibration {
  overall: Distribution;
  reviewers: { reviewerUnitId: string; ratings: Distribution; leniency: number }[];
}

/** Self-evaluation, review, the calibration of reviewers, honour quotas and the frozen result of the campaign's appraisal. */
/** A choice of one of the four ratings, each named in the reader's language. */
function RatingSelect({ id, value, onChange }: { id: string; value: Rating; onChange: (rating: Rating) => void }) {
  const { t } = useTranslation();
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value as Rating)}>
      {RATINGS.map((rating) => (
        <option key={rating} value={rating}>
          {t(`appraisal.ratings.${rating}`)}
        </option>
      ))}
    </select>
  );
}

export function AppraisalPage() {
  const { t } = useTranslation();
  const campaign = useCampaign();
  const units = useUnits();
  const claims = useClaims();
  return (
    <main id="main" className="page">
      <h1>{t('appraisal.title')}</h1>
      <QueryState query={campaign}>
        {(current) =>
          current ? (
            <QueryState query={units}>
              {(all) => (
                <>
                  <RoundStatus campaignId={current._id} />
                  <Appraisals campaignId={current._id} units={all} />
                  <SelfEvaluation campaignId={current._id} units={all} />
                  {hasRole(claims, 'district-admin') && (
                    <>
                      <CalibrationView campaignId={current._id} units={all} />
                      <Quotas campaignId={current._id} />
                    </>
                  )}
                </>
              )}
            </QueryState>
          ) : (
            <p>{t('common.noCampaign')}</p>
          )
        }
      </QueryState>
    </main>
  );
}

function RoundStatus({ campaignId }: { campaignId: string }) {
  const { t, i18n } = useTranslation();
  const claims = useClaims();
  const queryClient = useQueryClient();
  const round = useQuery({ queryKey: ['appraisal-round', campaignId], queryFn: () => api<Round>('assessment-scoring', `/campaigns/${campaignId}/appraisal/round`) });
  const finalise = useMutation({
    mutationFn: () => api('assessment-scoring', `/campaigns/${campaignId}/appraisal/finalisation`, { method: 'POST', body: {} }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['appraisal-round', campaignId] }),
  });
  return (
    <section className="card" aria-labelledby="round-heading">
      <h2 id="round-heading">{t('appraisal.round')}</h2>
      <QueryState query={round}>
        {(current) => (
          <>
            <p data-round={current.status}>
              {current.status === 'open' ? t('appraisal.open') : t('appraisal.frozen', { time: current.finalisedAt ? new Date(current.finalisedAt).toLocaleString(i18n.resolvedLanguage) : '' })}
            </p>
            {current.status === 'open' && hasRole(claims, 'district-admin') && (
              <button type="button" className="primary" disabled={finalise.isPending} onClick={() => finalise.mutate()}>
                {t('appraisal.finalise')}
              </button>
            )}
            {finalise.error ? <ErrorMessage error={finalise.error} /> : null}
          </>
        )}
      </QueryState>
    </section>
  );
}

function Appraisals({ campaignId, units }: { campaignId: string; units: Unit[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const names = new Map(units.map((unit) => [unit.unitId, unit.name]));
  const appraisals = useQuery({ queryKey: ['appraisals', campaignId], queryFn: () => api<Appraisal[]>('assessment-scoring', `/campaigns/${campaignId}/appraisal?subjectType=unit`) });
  const [drafts, setDrafts] = useState<Record<string, { rating: Rating; comment: string }>>({});
  const review = useMutation({
    mutationFn: (subjectId: string) => api('assessment-scoring', `/campaigns/${campaignId}/appraisal/reviews`, { method: 'PUT', body: { subjectType: 'unit', subjectId, ...drafts[subjectId] } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['appraisals', campaignId] }),
  });
  return (
    <section className="card" aria-labelledby="appraisals-heading">
      <h2 id="appraisals-heading">{t('appraisal.units')}</h2>
      <QueryState query={appraisals}>
        {(list) =>
          list.length === 0 ? (
            <Empty />
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.unit')}</th>
                  <th scope="col">{t('appraisal.selfEvaluation')}</th>
                  <th scope="col">{t('appraisal.review')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((appraisal) => {
                  const draft = drafts[appraisal.subjectId] ?? { rating: 'good' as Rating, comment: '' };
                  return (
                    <tr key={appraisal.subjectId}>
                      <th scope="row">{names.get(appraisal.subjectId) ?? appraisal.subjectId}</th>
                      <td>
                        {appraisal.selfEvaluation ? (
                          <>
                            {appraisal.selfEvaluation.summary}
                            {appraisal.selfEvaluation.proposedRating && <> （{t(`appraisal.ratings.${appraisal.selfEvaluation.proposedRating}`)}）</>}
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td>
                        {appraisal.review ? (
                          <span className={`badge rating-${appraisal.review.rating}`}>
                            {t(`appraisal.ratings.${appraisal.review.rating}`)} {appraisal.review.comment}
                          </span>
                        ) : appraisal.frozen ? (
                          '—'
                        ) : (
                          <div className="form-row">
                            <Field label={t('appraisal.rating')}>
                              {(id) => <RatingSelect id={id} value={draft.rating} onChange={(rating) => setDrafts({ ...drafts, [appraisal.subjectId]: { ...draft, rating } })} />}
                            </Field>
                            <Field label={t('appraisal.comment')}>
                              {(id) => <input id={id} value={draft.comment} onChange={(event) => setDrafts({ ...drafts, [appraisal.subjectId]: { ...draft, comment: event.target.value } })} />}
                            </Field>
                            <button type="button" disabled={!draft.comment} onClick={() => review.mutate(appraisal.subjectId)}>
                              {t('appraisal.submitReview')}
                            </button>
                          </div>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </QueryState>
      {review.error ? <ErrorMessage error={review.error} /> : null}
    </section>
  );
}

function SelfEvaluation({ campaignId, units }: { campaignId: string; units: Unit[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [subjectId, setSubjectId] = useState(units[0]?.unitId ?? '');
  const [summary, setSummary] = useState('');
  const [proposedRating, setProposedRating] = useState<Rating>('good');
  const save = useMutation({
    mutationFn: () => api('assessment-scoring', `/campaigns/${campaignId}/appraisal/self-evaluations`, { method: 'PUT', body: { subjectType: 'unit', subjectId, summary, proposedRating } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['appraisals', campaignId] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <section className="card" aria-labelledby="self-heading">
      <h2 id="self-heading">{t('appraisal.selfEvaluation')}</h2>
      <form onSubmit={submit}>
        <div className="form-row">
          <Field label={t('dashboard.unit')}>
            {(id) => (
              <select id={id} value={subjectId} onChange={(event) => setSubjectId(event.target.value)}>
                {units.map((unit) => (
                  <option key={unit.unitId} value={unit.unitId}>
                    {unit.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('appraisal.proposedRating')}>
            {(id) => <RatingSelect id={id} value={proposedRating} onChange={setProposedRating} />}
          </Field>
        </div>
        <Field label={t('appraisal.summary')}>{(id) => <textarea id={id} rows={3} required value={summary} onChange={(event) => setSummary(event.target.value)} />}</Field>
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </form>
      {save.error ? <ErrorMessage error={save.error} /> : null}
      {save.isSuccess && <p role="status">{t('appraisal.saved')}</p>}
    </section>
  );
}

function CalibrationView({ campaignId, units }: { campaignId: string; units: Unit[] }) {
  const { t } = useTranslation();
  const names = new Map(units.map((unit) => [unit.unitId, unit.name]));
  const calibration = useQuery({ queryKey: ['calibration', campaignId], queryFn: () => api<Calibration>('assessment-scoring', `/campaigns/${campaignId}/appraisal/calibration`) });
  return (
    <section className="card" aria-labelledby="calibration-heading">
      <h2 id="calibration-heading">{t('appraisal.calibration')}</h2>
      <QueryState query={calibration}>
        {(data) =>
          data.reviewers.length === 0 ? (
            <Empty />
          ) : (
            <>
              <figure className="chart" aria-label={t('appraisal.calibration')}>
                <ResponsiveContainer width="100%" height={Math.max(160, data.reviewers.length * 32)}>
                  <BarChart data={data.reviewers.map((reviewer) => ({ name: names.get(reviewer.reviewerUnitId) ?? reviewer.reviewerUnitId, ...reviewer.ratings }))} layout="vertical">
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis type="number" allowDecimals={false} />
                    <YAxis type="category" dataKey="name" width={120} />
                    <Tooltip />
                    <Legend />
                    {RATINGS.map((rating) => (
                      <Bar key={rating} dataKey={rating} name={t(`appraisal.ratings.${rating}`)} stackId="ratings" fill={RATING_COLOURS[rating]} isAnimationActive={false} />
                    ))}
                  </BarChart>
                </ResponsiveContainer>
              </figure>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('appraisal.reviewer')}</th>
                    {RATINGS.map((rating) => (
                      <th key={rating} scope="col" className="number">
                        {t(`appraisal.ratings.${rating}`)}
                      </th>
                    ))}
                    <th scope="col" className="number">
                      {t('appraisal.leniency')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.reviewers.map((reviewer) => (
                    <tr key={reviewer.reviewerUnitId}>
                      <th scope="row">{names.get(reviewer.reviewerUnitId) ?? reviewer.reviewerUnitId}</th>
                      {RATINGS.map((rating) => (
                        <td key={rating} className="number">
                          {reviewer.ratings[rating]}
                        </td>
                      ))}
                      <td className="number">{reviewer.leniency}</td>
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

function Quotas({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const systems = useQuery({ queryKey: ['systems'], queryFn: () => api<System[]>('org-registry', '/systems') });
  const [systemId, setSystemId] = useState('');
  const [honour, setHonour] = useState('advanced-collective');
  const [quota, setQuota] = useState('1');
  const save = useMutation({
    mutationFn: () => api<{ quota: number; used: number }>('assessment-scoring', `/campaigns/${campaignId}/appraisal/honour-quotas`, { method: 'PUT', body: { systemId, honour, quota: Number(quota) } }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <section className="card" aria-labelledby="quotas-heading">
      <h2 id="quotas-heading">{t('appraisal.quotas')}</h2>
      <form onSubmit={submit} className="form-row">
        <Field label={t('organisation.systems')}>
          {(id) => (
            <select id={id} required value={systemId} onChange={(event) => setSystemId(event.target.value)}>
              <option value="">—</option>
              {(systems.data ?? []).map((system) => (
                <option key={system.systemId} value={system.systemId}>
                  {system.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('appraisal.honour')}>
          {(id) => (
            <select id={id} value={honour} onChange={(event) => setHonour(event.target.value)}>
              <option value="advanced-collective">{t('appraisal.honours.advanced-collective')}</option>
              <option value="excellent-member">{t('appraisal.honours.excellent-member')}</option>
            </select>
          )}
        </Field>
        <Field label={t('appraisal.quota')}>{(id) => <input id={id} type="number" min="0" required value={quota} onChange={(event) => setQuota(event.target.value)} />}</Field>
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </form>
      {save.error ? <ErrorMessage error={save.error} /> : null}
      {save.data && <p role="status">{t('appraisal.quotaSaved', { quota: save.data.quota, used: save.data.used })}</p>}
    </section>
  );
}
