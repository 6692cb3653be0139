import { previewCheckIns } from './check-in-preview';

describe('previewCheckIns', () => {
  it('lists the rows with their file line numbers and flags a row without an identifier', () => {
    const preview = previewCheckIns('externalId,name,checkedInAt\nHR-1,张三,2026-11-25T09:05:00+08:00\n,李四,2026-11-25T09:06:00+08:00\n');
    expect(preview.columns).toEqual(['externalId', 'name', 'checkedInAt']);
    expect(preview.missingIdColumn).toBe(false);
    expect(preview.rows.map((row) => [row.line, row.values.name, row.problem])).toEqual([
      [2, '张三', undefined],
      [3, '李四', 'no-identifier'],
    ]);
  });

  it('flags every row when the file has neither memberId nor externalId', () => {
    const preview = previewCheckIns('姓名,时间\n张三,09:05\n');
    expect(preview.missingIdColumn).toBe(true);
    expect(preview.rows[0].problem).toBe('no-member-column');
  });
});
