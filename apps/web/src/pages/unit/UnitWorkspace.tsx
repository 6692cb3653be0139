import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import type { Activity, Campaign, Unit } from '../../api/types';
import { useCampaign } from '../../app/campaign';
import { rootsOf, useUnits } from '../../app/units';
import { Empty, ErrorMessage, QueryState } from '../../components/status';
import { AttendanceSheet } from './AttendanceSheet';
import { PlanPanel } from './PlanPanel';

const KINDS = ['collective-study', 'special-meeting', 'mobilisation-meeting', 'rotation-training', 'volunteer-service', 'pairing', 'carrier-activity'] as const;

/** A unit's plan, its activity calendar and the attendance of each meeting. */
export function UnitWorkspace() {
  const { t } = useTranslation();
  const campaign = useCampaign();
  const units = useUnits();
  return (
    <main id="main" className="page">
      <h1>{t('unit.title')}</h1>
      <QueryState query={campaign}>
        {(current) =>
          current ? <QueryState query={units}>{(all) => <Workspace campaign={current} units={all} />}</QueryState> : <p>{t('common.noCampaign')}</p>
        }
      </QueryState>
    </main>
  );
}

function Workspace({ campaign, units }: { campaign: Campaign; units: Unit[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const params = useParams();
  const unitId = params.unitId ?? rootsOf(units)[0]?.unitId;
  const unit = units.find((candidate) => candidate.unitId === unitId);
  const [sheetFor, setSheetFor] = useState<Activity | null>(null);
  if (!unit) return <Empty />;
  return (
    <>
      <Field label={t('unit.pickUnit')}>
        {(id) => (
          <select id={id} value={unit.unitId} onChange={(event) => navigate(`/unit/${event.target.value}`)}>
          {units.map((candidate) => (
            <option key={candidate.unitId} value={candidate.unitId}>
              {'　'.repeat(Math.max(0, candidate.path.length - 1))}
              {candidate.name}
            </option>
          ))}
          </select>
        )}
      </Field>
      {sheetFor ? (
        <AttendanceSheet activity={sheetFor} onClose={() => setSheetFor(null)} />
      ) : (
        <>
          <Calendar campaign={campaign} unit={unit} onTakeAttendance={setSheetFor} />
          <ScheduleActivity campaign={campaign} unit={unit} />
          <PlanPanel campaign={campaign} unit={unit} />
        </>
      )}
    </>
  );
}

function Calendar({ campaign, unit, onTakeAttendance }: { campaign: Campaign; unit: Unit; onTakeAttendance: (activity: Activity) => void }) {
  const { t, i18n } = useTranslation();
  const activities = useQuery({
    queryKey: ['activities', campaign._id, unit.unitId],
    queryFn: () => api<Activity[]>('activity-records', `/activities?campaignId=${campaign._id}&unitId=${unit.unitId}`),
    select: (list) => [...list].sort((a, b) => b.startsAt.localeCompare(a.startsAt)),
  });
  return (
    <section className="card" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">{t('unit.calendar')}</h2>
      <QueryState query={activities}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('unit.noActivities')}</p>
          ) : (
            <ul className="calendar">
              {list.slice(0, 100).map((activity) => (
                <li key={activity._id} data-activity-id={activity._id} data-status={activity.status}>
                  <time dateTime={activity.startsAt}>{new Date(activity.startsAt).toLocaleString(i18n.resolvedLanguage)}</time>
                  <span className="kind">{t(`activityKinds.${activity.kind}`)}</span>
                  <span className="title">{activity.title}</span>
                  {activity.status !== 'cancelled' && (
                    <button type="button" onClick={() => onTakeAttendance(activity)}>
                      {t('unit.openSheet')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

function localInputValue(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function ScheduleActivity({ campaign, unit }: { campaign: Campaign; unit: Unit }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<string>('collective-study');
  const [carrierId, setCarrierId] = useState('');
  const [title, setTitle] = useState('');
  const [startsAt, setStartsAt] = useState(() => localInputValue(new Date()));
  const schedule = useMutation({
    mutationFn: () =>
      api<Activity>('activity-records', '/activities', {
        method: 'POST',
        body: { campaignId: campaign._id, kind, title, organiserUnitId: unit.unitId, startsAt: new Date(startsAt).toISOString(), ...(carrierId ? { carrierId } : {}) },
      }),
    onSuccess: () => {
      setTitle('');
      void queryClient.invalidateQueries({ queryKey: ['activities', campaign._id, unit.unitId] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    schedule.mutate();
  };
  return (
    <section className="card" aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">{t('attendance.scheduleTitle')}</h2>
      <form onSubmit={submit} className="form-row">
        <Field label={t('attendance.kind')}>
          {(id) => (
            <select id={id} value={kind} onChange={(event) => setKind(event.target.value)}>
            {KINDS.map((candidate) => (
              <option key={candidate} value={candidate}>
                {t(`activityKinds.${candidate}`)}
              </option>
            ))}
            </select>
          )}
        </Field>
        <Field label={t('attendance.carrier')}>
          {(id) => (
            <select id={id} value={carrierId} onChange={(event) => setCarrierId(event.target.value)}>
            <option value="">{t('attendance.noCarrier')}</option>
            {campaign.carriers.map((carrier) => (
              <option key={carrier.carrierId} value={carrier.carrierId}>
                {carrier.name}
              </option>
            ))}
            </select>
          )}
        </Field>
        <Field label={t('attendance.activityTitle')}>
          {(id) => (
            <input id={id} required value={title} onChange={(event) => setTitle(event.target.value)} />
          )}
        </Field>
        <Field label={t('attendance.startsAt')}>
          {(id) => (
            <input id={id} type="datetime-local" required value={startsAt} onChange={(event) => setStartsAt(event.target.value)} />
          )}
        </Field>
        <button type="submit" className="primary" disabled={schedule.isPending}>
          {t('attendance.schedule')}
        </button>
      </form>
      {schedule.error ? <ErrorMessage error={schedule.error} /> : null}
    </section>
  );
}
