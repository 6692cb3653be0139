import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { ErrorMessage, QueryState } from '../../components/status';

const CHANNELS = ['inbox', 'email', 'webhook'] as const;

interface Preferences {
  channels: (typeof CHANNELS)[number][];
  digest: 'none' | 'daily';
  locale: 'zh-CN' | 'en' | null;
}

/** How I am told: the channels, a daily digest or each notice, and the language of my notices. */
export function NotificationPreferences() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const preferences = useQuery({ queryKey: ['preferences'], queryFn: () => api<Preferences>('notifications', '/me/preferences') });
  const save = useMutation({
    mutationFn: (change: Partial<Preferences>) => api<Preferences>('notifications', '/me/preferences', { method: 'PUT', body: change }),
    onSuccess: (saved) => queryClient.setQueryData(['preferences'], saved),
  });
  return (
    <section className="card" aria-labelledby="preferences-heading">
      <h2 id="preferences-heading">{t('member.preferences')}</h2>
      <QueryState query={preferences}>
        {(current) => (
          <div className="form-row">
            <fieldset className="carriers">
              <legend>{t('member.channels')}</legend>
              {CHANNELS.map((channel) => (
                <label key={channel} className="choice">
                  <input
                    type="checkbox"
                    checked={current.channels.includes(channel)}
                    onChange={(event) => save.mutate({ channels: event.target.checked ? [...current.channels, channel] : current.channels.filter((other) => other !== channel) })}
                  />
                  {t(`member.channel.${channel}`)}
                </label>
              ))}
            </fieldset>
            <Field label={t('member.digest')}>
              {(id) => (
                <select id={id} value={current.digest} onChange={(event) => save.mutate({ digest: event.target.value as Preferences['digest'] })}>
                  <option value="none">{t('member.digestNone')}</option>
                  <option value="daily">{t('member.digestDaily')}</option>
                </select>
              )}
            </Field>
            <Field label={t('member.noticeLanguage')}>
              {(id) => (
                <select id={id} value={current.locale ?? ''} onChange={(event) => save.mutate({ locale: (event.target.value || null) as Preferences['locale'] })}>
                  <option value="">{t('member.districtDefault')}</option>
                  <option value="zh-CN">中文</option>
                  <option value="en">English</option>
                </select>
              )}
            </Field>
          </div>
        )}
      </QueryState>
      {save.error ? <ErrorMessage error={save.error} /> : null}
    </section>
  );
}
