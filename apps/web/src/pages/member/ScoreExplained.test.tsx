import { screen } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { renderWithQueries, stubApi } from '../../test/render';
import { ScoreExplained } from './ScoreExplained';

afterEach(() => vi.unstubAllGlobals());

describe('my score explained', () => {
  it('shows every line, and lines that add up to the total shown', async () => {
    const line = (lineId: string, points: number, explanation: string) => ({ lineId, ruleId: 'r', points, explanation, occurredAt: '2026-11-23T01:00:00Z' });
    stubApi({
      'GET /campaigns/c-1/schemes': { body: [{ version: 1, indicators: [{ id: 'study', name: '学习' }, { id: 'writing', name: '心得与调研' }] }] },
      'GET /campaigns/c-1/members/m-1/explain': {
        body: {
          subjectId: 'm-1',
          total: 11,
          standing: 11,
          indicators: [
            { indicatorId: 'study', total: 6, lines: [line('1', 2, '集中学习 出席'), line('2', 2, '集中学习 出席'), line('3', 2, '集中学习 出席'), line('4', 3, '学习记录本 3 小时'), line('5', -3, '集中学习 无故缺席')] },
            { indicatorId: 'writing', total: 5, lines: [line('6', 5, '心得体会 通过')] },
          ],
        },
      },
    });
    renderWithQueries(<ScoreExplained campaignId="c-1" memberId="m-1" />);
    expect(await screen.findByText('总分：11')).toBeInTheDocument();
    expect(screen.getByText('6 条明细合计 11 分')).toBeInTheDocument();
    expect(screen.getAllByRole('row').filter((row) => row.hasAttribute('data-points'))).toHaveLength(6);
    expect(screen.getByText('-3')).toBeInTheDocument();
    expect(await screen.findAllByRole('rowheader', { name: '学习' })).toHaveLength(5);
  });

  it('shows a readable message when the service refuses', async () => {
    stubApi({ 'GET /campaigns/c-1/members/m-1/explain': { status: 404, body: { statusCode: 404, message: 'no member m-1' } } });
    renderWithQueries(<ScoreExplained campaignId="c-1" memberId="m-1" />);
    expect(await screen.findByRole('alert')).toHaveTextContent('未找到：no member m-1');
  });
});
