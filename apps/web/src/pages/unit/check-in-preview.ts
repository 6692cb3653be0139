import { parse } from 'csv-parse/browser/esm/sync';

export interface PreviewRow {
  line: number;
  values: Record<string, string>;
  /** Why the service will not match the row, when that is clear before sending it. */
  problem?: 'no-member-column' | 'no-identifier';
}

export interface CheckInPreview {
  columns: string[];
  rows: PreviewRow[];
  missingIdColumn: boolean;
}

/** Reads a check-in export as the service will (header row, memberId and/or externalId) to show it before importing. */
export function previewCheckIns(csv: string): CheckInPreview {
  const records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as Record<string, string>[];
  const columns = records.length > 0 ? Object.keys(records[0]) : ((parse(csv, { to_line: 1, trim: true, bom: true }) as string[][])[0] ?? []);
  const missingIdColumn = !columns.includes('memberId') && !columns.includes('externalId');
  return {
    columns,
    missingIdColumn,
    rows: records.map((values, index) => ({
      line: index + 2,
      values,
      ...(missingIdColumn ? { problem: 'no-member-column' as const } : !values.memberId && !values.externalId ? { problem: 'no-identifier' as const } : {}),
    })),
  };
}
