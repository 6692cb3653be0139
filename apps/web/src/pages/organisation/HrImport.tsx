import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { ErrorMessage, QueryState } from '../../components/status';

interface ItemList<T> {
  count: number;
  items: T[];
  truncated: boolean;
}

type Row = { line?: number; externalId: string; name?: string; changes?: string[]; reason?: string };

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  created: ItemList<Row>;
  updated: ItemList<Row>;
  moved: ItemList<Row>;
  left: ItemList<Row>;
  unchanged: ItemList<Row>;
  rejected: ItemList<Row>;
}

const CATEGORIES = ['created', 'updated', 'moved', 'left', 'rejected'] as const;

/** The HR file's diff, shown before it is applied: a dry run first, then the same file applied. */
export function HrImport() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mappings = useQuery({ queryKey: ['import-mappings'], queryFn: () => api<{ name: string; format: string }[]>('org-registry', '/import/mappings') });
  const [mapping, setMapping] = useState('');
  const [file, setFile] = useState('');
  const run = useMutation({
    mutationFn: (dryRun: boolean) =>
      api<ImportReport>('org-registry', `/import/members?mapping=${encodeURIComponent(mapping)}&dryRun=${dryRun}`, { method: 'POST', body: file, contentType: 'text/csv' }),
    onSuccess: (report) => {
      if (!report.dryRun) void queryClient.invalidateQueries({ queryKey: ['members'] });
    },
  });
  const report = run.data;
  return (
    <section className="card" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('organisation.import')}</h2>
      <QueryState query={mappings}>
        {(list) => (
          <div className="form-row">
            <Field label={t('organisation.mapping')}>
              {(id) => (
                <select id={id} value={mapping} onChange={(event) => setMapping(event.target.value)}>
                  <option value="">—</option>
                  {list.map((candidate) => (
                    <option key={candidate.name} value={candidate.name}>
                      {candidate.name}（{candidate.format}）
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('attendance.csvFile')}>{(id) => <input id={id} type="file" accept=".csv,.json,text/csv,application/json" onChange={(event) => void event.target.files?.[0]?.text().then(setFile)} />}</Field>
          </div>
        )}
      </QueryState>
      <Field label={t('attendance.csvText')}>{(id) => <textarea id={id} rows={4} value={file} onChange={(event) => setFile(event.target.value)} />}</Field>
      <div className="form-row">
        <button type="button" disabled={!mapping || !file || run.isPending} onClick={() => run.mutate(true)}>
          {t('organisation.dryRun')}
        </button>
        <button type="button" className="primary" disabled={!report?.dryRun || run.isPending} onClick={() => run.mutate(false)}>
          {t('organisation.apply')}
        </button>
      </div>
      {run.error ? <ErrorMessage error={run.error} /> : null}
      {report && (
        <div role="status" className="diff" data-dry-run={report.dryRun}>
          <p>{report.dryRun ? t('organisation.dryRunResult', { rows: report.rows }) : t('organisation.applied', { rows: report.rows })}</p>
          <ul className="counts">
            {[...CATEGORIES, 'unchanged' as const].map((category) => (
              <li key={category} data-category={category}>
                {t(`organisation.diff.${category}`)}：{report[category].count}
              </li>
            ))}
          </ul>
          {CATEGORIES.filter((category) => report[category].count > 0).map((category) => (
            <table key={category}>
              <caption>{t(`organisation.diff.${category}`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('attendance.line')}</th>
                  <th scope="col">{t('organisation.externalId')}</th>
                  <th scope="col">{t('organisation.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {report[category].items.slice(0, 50).map((row) => (
                  <tr key={`${row.line}-${row.externalId}`}>
                    <td>{row.line ?? ''}</td>
                    <td>{row.externalId}</td>
                    <td>{row.reason ?? row.changes?.join('、') ?? row.name ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </div>
      )}
    </section>
  );
}
