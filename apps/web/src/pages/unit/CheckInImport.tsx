import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Activity, CheckInImportReport } from '../../api/types';
import { Field } from '../../components/Field';
import { ErrorMessage } from '../../components/status';
import { previewCheckIns } from './check-in-preview';

/** An external check-in export: previewed before it is sent, and every row the service did not record listed with its reason. */
export function CheckInImport({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState('');
  const preview = csv.trim() ? safePreview(csv) : null;
  const run = useMutation({
    mutationFn: () => api<CheckInImportReport>('activity-records', `/activities/${activity._id}/attendance/import`, { method: 'POST', body: { csv } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['attendance', activity._id] }),
  });
  const rejected = run.data ? [...run.data.unmatched, ...run.data.outsideWindow, ...run.data.duplicates].sort((a, b) => a.line - b.line) : [];
  return (
    <details className="import">
      <summary>{t('attendance.importTitle')}</summary>
      <Field label={t('attendance.csvFile')}>
        {(id) => <input id={id} type="file" accept=".csv,text/csv" onChange={(event) => void event.target.files?.[0]?.text().then(setCsv)} />}
      </Field>
      <Field label={t('attendance.csvText')}>
        {(id) => <textarea id={id} rows={5} value={csv} onChange={(event) => setCsv(event.target.value)} placeholder="externalId,name,checkedInAt" />}
      </Field>
      {preview instanceof Error && <ErrorMessage error={preview} />}
      {preview && !(preview instanceof Error) && (
        <>
          <p>{t('attendance.importPreview', { rows: preview.rows.length })}</p>
          <table className="preview">
            <thead>
              <tr>
                <th scope="col">{t('attendance.line')}</th>
                {preview.columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.rows.slice(0, 100).map((row) => (
                <tr key={row.line} className={row.problem ? 'rejected' : undefined}>
                  <td>{row.line}</td>
                  {preview.columns.map((column) => (
                    <td key={column}>{row.values[column]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" disabled={run.isPending || preview.missingIdColumn} onClick={() => run.mutate()}>
            {t('attendance.importRun')}
          </button>
        </>
      )}
      {run.error ? <ErrorMessage error={run.error} /> : null}
      {run.data && (
        <div role="status">
          <p>{t('attendance.imported', { recorded: run.data.recorded, unmatched: run.data.unmatched.length, outside: run.data.outsideWindow.length, duplicates: run.data.duplicates.length })}</p>
          {rejected.length > 0 && (
            <table>
              <caption>{t('attendance.rejected')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('attendance.line')}</th>
                  <th scope="col">{t('attendance.member')}</th>
                  <th scope="col">{t('attendance.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {rejected.map((row) => (
                  <tr key={`${row.line}-${row.reason}`}>
                    <td>{row.line}</td>
                    <td>{String(row.name ?? row.externalId ?? row.memberId ?? '')}</td>
                    <td>{row.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </details>
  );
}

function safePreview(csv: string) {
  try {
    return previewCheckIns(csv);
  } catch (error) {
    return error as Error;
  }
}
