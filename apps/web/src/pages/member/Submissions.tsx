import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { Empty, ErrorMessage, QueryState } from '../../components/status';

interface Submission {
  _id: string;
  kind: 'reflection' | 'research-report';
  year: number;
  title: string;
  status: 'submitted' | 'returned' | 'accepted';
  reviewComment?: string;
}

/** My reflection (心得体会) and research report (调研报告): written or uploaded as a text file, with their review status. */
export function Submissions({ memberId, campaignId }: { memberId: string; campaignId?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = ['submissions', memberId];
  const submissions = useQuery({ queryKey: key, queryFn: () => api<Submission[]>('activity-records', `/members/${memberId}/submissions`) });
  const [kind, setKind] = useState<Submission['kind']>('reflection');
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [resubmitting, setResubmitting] = useState<Submission | null>(null);
  const send = useMutation({
    mutationFn: () =>
      resubmitting
        ? api('activity-records', `/submissions/${resubmitting._id}/resubmit`, { method: 'POST', body: { title: title || undefined, content } })
        : api('activity-records', '/submissions', { method: 'POST', body: { campaignId, kind, year: new Date().getFullYear(), title, content } }),
    onSuccess: () => {
      setTitle('');
      setContent('');
      setResubmitting(null);
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  return (
    <section className="card" aria-labelledby="submissions-heading">
      <h2 id="submissions-heading">{t('member.submissions')}</h2>
      <QueryState query={submissions}>
        {(list) =>
          list.length === 0 ? (
            <Empty />
          ) : (
            <ul className="submissions">
              {list.map((submission) => (
                <li key={submission._id} data-status={submission.status}>
                  <span className={`badge ${submission.status === 'accepted' ? 'approved' : submission.status}`}>{t(`member.submissionStatus.${submission.status}`)}</span>{' '}
                  {t(`member.kinds.${submission.kind}`)} · {submission.year} · {submission.title}
                  {submission.reviewComment && (
                    <p className="comment">
                      {t('unit.reviewComment')}：{submission.reviewComment}
                    </p>
                  )}
                  {submission.status === 'returned' && (
                    <button type="button" onClick={() => setResubmitting(submission)}>
                      {t('member.resubmit')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      {campaignId && (
        <form onSubmit={submit}>
          <h3>{resubmitting ? t('member.resubmitting', { title: resubmitting.title }) : t('member.write')}</h3>
          <div className="form-row">
            {!resubmitting && (
              <Field label={t('attendance.kind')}>
                {(id) => (
                  <select id={id} value={kind} onChange={(event) => setKind(event.target.value as Submission['kind'])}>
                    <option value="reflection">{t('member.kinds.reflection')}</option>
                    <option value="research-report">{t('member.kinds.research-report')}</option>
                  </select>
                )}
              </Field>
            )}
            <Field label={t('member.submissionTitle')}>{(id) => <input id={id} required={!resubmitting} value={title} onChange={(event) => setTitle(event.target.value)} />}</Field>
            <Field label={t('member.upload')}>
              {(id) => <input id={id} type="file" accept=".txt,.md,text/plain" onChange={(event) => void event.target.files?.[0]?.text().then(setContent)} />}
            </Field>
          </div>
          <Field label={t('member.content')}>{(id) => <textarea id={id} rows={5} required value={content} onChange={(event) => setContent(event.target.value)} />}</Field>
          <button type="submit" className="primary" disabled={send.isPending}>
            {t('member.send')}
          </button>
          {send.error ? <ErrorMessage error={send.error} /> : null}
        </form>
      )}
    </section>
  );
}
