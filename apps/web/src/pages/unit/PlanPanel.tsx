import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import type { Campaign, Unit } from '../../api/types';
import { Field } from '../../components/Field';
import { Empty, ErrorMessage, QueryState } from '../../components/status';

interface Plan {
  _id: string;
  theme: string;
  carriers: string[];
  status: 'draft' | 'submitted' | 'approved' | 'returned';
  reviewComment?: string;
}

interface ChildPlan {
  unitId: string;
  unitName: string;
  planId: string | null;
  status: Plan['status'] | 'missing';
  overdue: boolean;
}

/** The unit's implementation plan (draft → submitted → approved, or returned with a comment) and those of the units below it. */
export function PlanPanel({ campaign, unit }: { campaign: Campaign; unit: Unit }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="plan-heading">
      <h2 id="plan-heading">{t('unit.plan')}</h2>
      <OwnPlan campaign={campaign} unit={unit} />
      <ChildPlans campaign={campaign} unit={unit} />
    </section>
  );
}

function OwnPlan({ campaign, unit }: { campaign: Campaign; unit: Unit }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = ['plan', campaign._id, unit.unitId];
  const plan = useQuery({
    queryKey: key,
    queryFn: () => api<Plan>('activity-records', `/units/${unit.unitId}/plan?campaignId=${campaign._id}`).catch((error) => (error instanceof ApiError && error.status === 404 ? null : Promise.reject(error))),
  });
  const submit = useMutation({
    mutationFn: (planId: string) => api<Plan>('activity-records', `/plans/${planId}/submit`, { method: 'POST', body: {} }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  return (
    <QueryState query={plan}>
      {(current) =>
        current ? (
          <div className="plan" data-status={current.status}>
            <p>
              <span className={`badge ${current.status}`}>{t(`unit.planStatus.${current.status}`)}</span> {current.theme}
            </p>
            <p>
              {t('unit.carriers')}：{current.carriers.join('、')}
            </p>
            {current.reviewComment && (
              <p className="comment">
                {t('unit.reviewComment')}：{current.reviewComment}
              </p>
            )}
            {(current.status === 'draft' || current.status === 'returned') && (
              <button type="button" className="primary" disabled={submit.isPending} onClick={() => submit.mutate(current._id)}>
                {t('unit.submitPlan')}
              </button>
            )}
            {submit.error ? <ErrorMessage error={submit.error} /> : null}
          </div>
        ) : (
          <DraftPlan campaign={campaign} unit={unit} onDrafted={() => void queryClient.invalidateQueries({ queryKey: key })} />
        )
      }
    </QueryState>
  );
}

function DraftPlan({ campaign, unit, onDrafted }: { campaign: Campaign; unit: Unit; onDrafted: () => void }) {
  const { t } = useTranslation();
  const [theme, setTheme] = useState(campaign.themes[0]?.title ?? '');
  const [carriers, setCarriers] = useState<string[]>(campaign.carriers.map((carrier) => carrier.name));
  const draft = useMutation({
    mutationFn: () => api<Plan>('activity-records', '/plans', { method: 'POST', body: { campaignId: campaign._id, unitId: unit.unitId, theme, carriers } }),
    onSuccess: onDrafted,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    draft.mutate();
  };
  return (
    <form onSubmit={submit}>
      <p>{t('unit.noPlan')}</p>
      <Field label={t('unit.theme')}>{(id) => <input id={id} required value={theme} onChange={(event) => setTheme(event.target.value)} />}</Field>
      <fieldset className="carriers">
        <legend>{t('unit.carriers')}</legend>
        {campaign.carriers.map((carrier) => (
          <label key={carrier.carrierId} className="choice">
            <input
              type="checkbox"
              checked={carriers.includes(carrier.name)}
              onChange={(event) => setCarriers((current) => (event.target.checked ? [...current, carrier.name] : current.filter((name) => name !== carrier.name)))}
            />
            {carrier.name}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary" disabled={draft.isPending}>
        {t('unit.draftPlan')}
      </button>
      {draft.error ? <ErrorMessage error={draft.error} /> : null}
    </form>
  );
}

function ChildPlans({ campaign, unit }: { campaign: Campaign; unit: Unit }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = ['child-plans', campaign._id, unit.unitId];
  const children = useQuery({ queryKey: key, queryFn: () => api<ChildPlan[]>('activity-records', `/units/${unit.unitId}/plans/children?campaignId=${campaign._id}`) });
  const [comments, setComments] = useState<Record<string, string>>({});
  const review = useMutation({
    mutationFn: ({ planId, approve }: { planId: string; approve: boolean }) =>
      api('activity-records', `/plans/${planId}/${approve ? 'approve' : 'return'}`, { method: 'POST', body: approve ? {} : { comment: comments[planId] ?? '' } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  return (
    <>
      <h3>{t('unit.childPlans')}</h3>
      <QueryState query={children}>
        {(list) =>
          list.length === 0 ? (
            <Empty />
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.unit')}</th>
                  <th scope="col">{t('unit.status')}</th>
                  <th scope="col">{t('unit.review')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((child) => (
                  <tr key={child.unitId} data-status={child.status}>
                    <th scope="row">{child.unitName}</th>
                    <td>
                      {child.status === 'missing' ? t('unit.planMissing') : t(`unit.planStatus.${child.status}`)}
                      {child.overdue && <span className="badge missed"> {t('dashboard.missed')}</span>}
                    </td>
                    <td>
                      {child.status === 'submitted' && child.planId && (
                        <div className="form-row">
                          <button type="button" onClick={() => review.mutate({ planId: child.planId as string, approve: true })}>
                            {t('unit.approve')}
                          </button>
                          <Field label={t('unit.returnComment')}>
                            {(id) => <input id={id} value={comments[child.planId as string] ?? ''} onChange={(event) => setComments({ ...comments, [child.planId as string]: event.target.value })} />}
                          </Field>
                          <button type="button" disabled={!comments[child.planId]} onClick={() => review.mutate({ planId: child.planId as string, approve: false })}>
                            {t('unit.returnPlan')}
                          </button>
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
      {review.error ? <ErrorMessage error={review.error} /> : null}
    </>
  );
}
