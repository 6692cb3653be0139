import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { KeyboardEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Activity, Attendance, AttendanceStatus } from '../../api/types';
import { ErrorMessage, QueryState } from '../../components/status';
import { changedRows, Marks, markAll, SHORTCUTS, STATUSES, summarise } from './attendance-sheet';
import { CheckInImport } from './CheckInImport';
import { membersOfSubtree } from './members';

/** A whole meeting on one screen: every member of the organising unit, present / on leave / absent, by mouse or keyboard. */
export function AttendanceSheet({ activity, onClose }: { activity: Activity; onClose: () => void }) {
  const { t } = useTranslation();
  const members = useQuery({ queryKey: ['members', activity.organiserUnitId], queryFn: () => membersOfSubtree(activity.organiserUnitId) });
  const recorded = useQuery({
    queryKey: ['attendance', activity._id],
    queryFn: async () => Object.fromEntries((await api<Attendance[]>('activity-records', `/activities/${activity._id}/attendance`)).map((row) => [row.memberId, row.status])) as Marks,
  });
  return (
    <section className="card sheet" aria-labelledby="sheet-heading">
      <h2 id="sheet-heading">{t('attendance.title', { title: activity.title })}</h2>
      <QueryState query={members}>
        {(list) => (
          <QueryState query={recorded}>
            {(already) => <Sheet activity={activity} members={list} recorded={already} onClose={onClose} />}
          </QueryState>
        )}
      </QueryState>
      <CheckInImport activity={activity} />
    </section>
  );
}

function Sheet({ activity, members, recorded, onClose }: { activity: Activity; members: { memberId: string; name: string }[]; recorded: Marks; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [marks, setMarks] = useState<Marks>(recorded);
  const rows = useRef<(HTMLFieldSetElement | null)[]>([]);
  const ids = members.map((member) => member.memberId);
  const summary = summarise(ids, marks);
  const save = useMutation({
    mutationFn: async (hold: boolean) => {
      const changed = changedRows(ids, marks, recorded);
      const outcome = changed.length > 0 ? await api<{ recorded: number }>('activity-records', `/activities/${activity._id}/attendance/bulk`, { method: 'POST', body: { rows: changed } }) : { recorded: 0 };
      if (hold && activity.status === 'scheduled') await api('activity-records', `/activities/${activity._id}/hold`, { method: 'POST', body: {} });
      return outcome;
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['attendance', activity._id] });
      void queryClient.invalidateQueries({ queryKey: ['activities'] });
    },
  });
  const mark = (memberId: string, status: AttendanceStatus) => setMarks((current) => ({ ...current, [memberId]: status }));
  const focusRow = (index: number) => rows.current[Math.max(0, Math.min(index, ids.length - 1))]?.querySelector<HTMLInputElement>('input:checked, input')?.focus();
  const onKey = (index: number, event: KeyboardEvent) => {
    const status = SHORTCUTS[event.key.toLowerCase()];
    if (status) {
      event.preventDefault();
      mark(ids[index], status);
      focusRow(index + 1);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      focusRow(index + (event.key === 'ArrowDown' ? 1 : -1));
    }
  };
  return (
    <>
      <p className="hint" id="sheet-hint">
        {t('attendance.keyboardHint')}
      </p>
      <div className="sheet-actions">
        <button type="button" onClick={() => setMarks(markAll(ids, marks, 'present'))}>
          {t('attendance.allPresent')}
        </button>
        <p role="status" aria-live="polite" className="summary">
          {t('attendance.summary', { ...summary })}
        </p>
      </div>
      <div className="sheet-rows" aria-describedby="sheet-hint">
        {members.map((member, index) => (
          <fieldset key={member.memberId} className="sheet-row" data-member-id={member.memberId} ref={(element) => void (rows.current[index] = element)} onKeyDown={(event) => onKey(index, event)}>
            <legend>{member.name}</legend>
            {STATUSES.map((status) => (
              <label key={status} className={`choice ${status}`}>
                <input type="radio" name={`attendance-${member.memberId}`} value={status} checked={marks[member.memberId] === status} onChange={() => mark(member.memberId, status)} />
                {t(`attendance.${status}`)}
              </label>
            ))}
          </fieldset>
        ))}
      </div>
      {save.error ? <ErrorMessage error={save.error} /> : null}
      {save.isSuccess && (
        <p role="status" className="saved">
          {t('attendance.saved', { recorded: save.data.recorded })}
        </p>
      )}
      <div className="sheet-actions">
        <button type="button" className="primary" disabled={save.isPending} onClick={() => save.mutate(activity.status === 'scheduled')}>
          {activity.status === 'scheduled' ? t('attendance.hold') : t('attendance.save')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </>
  );
}
