import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, vi } from 'vitest';
import { renderWithQueries, stubApi } from '../../test/render';
import { HrImport } from './HrImport';

afterEach(() => vi.unstubAllGlobals());

const list = <T,>(items: T[]) => ({ count: items.length, items, truncated: false });
const report = (dryRun: boolean) => ({
  dryRun,
  rows: 3,
  created: list([{ line: 2, externalId: 'HR-1', name: '王芳' }]),
  updated: list([]),
  moved: list([{ line: 3, externalId: 'HR-2', changes: ['unitId'] }]),
  left: list([]),
  unchanged: list([]),
  rejected: list([{ line: 4, externalId: 'HR-3', reason: 'unit NO-SUCH-UNIT not found' }]),
});

describe('the HR import', () => {
  it('shows the dry run’s diff, and applies the same file only after it', async () => {
    const calls = stubApi({
      'GET /import/mappings': { body: [{ name: 'hr', format: 'csv' }] },
      'POST /import/members?mapping=hr&dryRun=true': { body: report(true) },
      'POST /import/members?mapping=hr&dryRun=false': { body: report(false) },
    });
    const user = userEvent.setup();
    renderWithQueries(<HrImport />);
    await user.selectOptions(await screen.findByLabelText('字段映射'), 'hr');
    await user.type(screen.getByLabelText('或粘贴签到表内容'), '工号,姓名,单位编码');
    expect(screen.getByRole('button', { name: '确认导入' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: '预览差异（不写入）' }));
    expect(await screen.findByText('预览：共 3 行，尚未写入')).toBeInTheDocument();
    expect(screen.getByText('新增：1')).toBeInTheDocument();
    expect(screen.getByText('unit NO-SUCH-UNIT not found')).toBeInTheDocument();
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.url)).toEqual(['/api/org-registry/import/members?mapping=hr&dryRun=true']);

    await user.click(screen.getByRole('button', { name: '确认导入' }));
    expect(await screen.findByText('已导入：共 3 行')).toBeInTheDocument();
    expect(calls.filter((call) => call.method === 'POST').at(-1)?.url).toBe('/api/org-registry/import/members?mapping=hr&dryRun=false');
  });
});
