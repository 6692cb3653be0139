import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { api } from '../../api/client';
import { useCampaign } from '../../app/campaign';
import { useClaims } from '../../auth/session';
import { Empty, ErrorMessage, Pager, QueryState } from '../../components/status';
import { isoWeekKey } from '../dashboard/weeks';
import { NotificationPreferences } from './Preferences';
import { ScoreExplained } from './ScoreExplained';
import { Submissions } from './Submissions';

interface StudyEntry {
  _id: string;
  studiedOn: string;
  topic: string;
  hours: number;
}

interface InboxItem {
  notificationId: string;
  subject: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

const INBOX_PAGE = 10;

/** A member's own space: score explained, study record book, reflection and research report, inbox. */
export function MemberSpace() {
  const { t } = useTranslation();
  const claims = useClaims();
  const campaign = useCampaign();
  if (!claims.memberId) return <main id="main" className="page"><h1>{t('member.title')}</h1><Empty /></main>;
  const memberId = claims.memberId;
  return (
    <main id="main" className="page">
      <h1>{t('member.title')}</h1>
      <QueryState query={campaign}>
        {(current) => (current ? <ScoreExplained campaignId={current._id} memberId={memberId} /> : <p>{t('common.noCampaign')}</p>)}
      </QueryState>
      <StudyRecord memberId={memberId} campaignId={campaign.data?._id} />
      <Submissions memberId={memberId} campaignId={campaign.data?._id} />
      <Inbox />
      <NotificationPreferences />
    </main>
  );
}

function StudyRecord({ memberId, campaignId }: { memberId: string; campaignId?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const entries = useQuery({
    queryKey: ['study-log', memberId],
    queryFn: () => api<StudyEntry[]>('activity-records', `/members/${memberId}/study-log`),
    select: (list) => [...list].sort((a, b) => b.studiedOn.localeCompare(a.studiedOn)),
  });
  const [topic, setTopic] = useState('');
  const [hours, setHours] = useState('1');
  const [studiedOn, setStudiedOn] = useState(() => new Date().toISOString().slice(0, 10));
  const log = useMutation({
    mutationFn: () => api('activity-records', `/members/${memberId}/study-log`, { method: 'POST', body: { studiedOn, topic, hours: Number(hours), ...(campaignId ? { campaignId } : {}) } }),
    onSuccess: () => {
      setTopic('');
      void queryClient.invalidateQueries({ queryKey: ['study-log', memberId] });
    },
  });
  const thisWeek = isoWeekKey(new Date());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    log.mutate();
  };
  return (
    <section className="card" aria-labelledby="study-heading">
      <h2 id="study-heading">{t('member.studyRecord')}</h2>
      <QueryState query={entries}>
        {(list) => {
          const hoursThisWeek = list.filter((entry) => isoWeekKey(new Date(`${entry.studiedOn}T12:00:00+08:00`)) === thisWeek).reduce((sum, entry) => sum + entry.hours, 0);
          return (
            <>
              <p>{t('member.weekly', { state: hoursThisWeek > 0 ? t('member.weeklyMet') : t('member.weeklyNotMet') })}</p>
              {list.length === 0 ? (
                <Empty />
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('member.studiedOn')}</th>
                      <th scope="col">{t('member.topic')}</th>
                      <th scope="col" className="number">
                        {t('member.hours')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.slice(0, 50).map((entry) => (
                      <tr key={entry._id}>
                        <td>{entry.studiedOn}</td>
                        <td>{entry.topic}</td>
                        <td className="number">{entry.hours}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          );
        }}
      </QueryState>
      <form onSubmit={submit} className="form-row">
        <Field label={t('member.studiedOn')}>
          {(id) => (
            <input id={id} type="date" required value={studiedOn} onChange={(event) => setStudiedOn(event.target.value)} />
          )}
        </Field>
        <Field label={t('member.topic')}>
          {(id) => (
            <input id={id} required value={topic} onChange={(event) => setTopic(event.target.value)} />
          )}
        </Field>
        <Field label={t('member.hours')}>
          {(id) => (
            <input id={id} type="number" min="0.1" max="24" step="0.1" required value={hours} onChange={(event) => setHours(event.target.value)} />
          )}
        </Field>
        <button type="submit" className="primary" disabled={log.isPending}>
          {t('member.addEntry')}
        </button>
      </form>
      {log.error ? <ErrorMessage error={log.error} /> : null}
    </section>
  );
}

function Inbox() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const inbox = useQuery({ queryKey: ['inbox'], queryFn: () => api<InboxItem[]>('notifications', '/me/inbox') });
  const read = useMutation({
    mutationFn: (notificationId: string) => api('notifications', `/me/inbox/${notificationId}/read`, { method: 'POST', body: {} }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['inbox'] }),
  });
  return (
    <section className="card" aria-labelledby="inbox-heading">
      <h2 id="inbox-heading">{t('member.inbox')}</h2>
      <QueryState query={inbox}>
        {(items) => (
          <>
            <p>{t('member.unread', { count: items.filter((item) => !item.readAt).length })}</p>
            {items.length === 0 ? (
              <Empty />
            ) : (
              <ul className="inbox">
                {items.slice((page - 1) * INBOX_PAGE, page * INBOX_PAGE).map((item) => (
                  <li key={item.notificationId} className={item.readAt ? 'read' : 'unread'}>
                    <strong>{item.subject}</strong> <time dateTime={item.createdAt}>{new Date(item.createdAt).toLocaleString(i18n.resolvedLanguage)}</time>
                    <p>{item.body}</p>
                    {!item.readAt && (
                      <button type="button" onClick={() => read.mutate(item.notificationId)}>
                        {t('member.markRead')}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
            <Pager page={page} pageSize={INBOX_PAGE} total={items.length} onPage={setPage} />
          </>
        )}
      </QueryState>
    </section>
  );
}
