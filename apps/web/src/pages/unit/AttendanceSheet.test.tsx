import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, vi } from 'vitest';
import type { Activity } from '../../api/types';
import { renderWithQueries, stubApi } from '../../test/render';
import { AttendanceSheet } from './AttendanceSheet';

const meeting: Activity = { _id: 'a-1', campaignId: 'c-1', kind: 'special-meeting', title: '区第一中学专题会议', organiserUnitId: 'school', startsAt: '2026-11-25T01:00:00Z', status: 'scheduled' };
const members = ['王芳', '李强', '张伟'].map((name, i) => ({ memberId: `m-${i + 1}`, name, unitId: 'school', posts: [], isLeader: false, isKeyPost: false, status: 'active' }));

afterEach(() => vi.unstubAllGlobals());

describe('the attendance sheet', () => {
  it('marks everyone present, one on leave by keyboard, and sends the rows then holds the meeting', async () => {
    const calls = stubApi({
      'GET /members': { body: { items: members, total: 3, limit: 500, offset: 0 } },
      'GET /activities/a-1/attendance': { body: [{ memberId: 'm-3', status: 'absent' }] },
      'POST /activities/a-1/attendance/bulk': { body: { recorded: 3, unchanged: 0 } },
      'POST /activities/a-1/hold': { body: { ...meeting, status: 'held' } },
    });
    const user = userEvent.setup();
    renderWithQueries(<AttendanceSheet activity={meeting} onClose={() => undefined} />);

    expect(await screen.findByText('出席 0 人，请假 0 人，缺席 1 人，未登记 2 人')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '全部出席' }));
    expect(screen.getByText('出席 3 人，请假 0 人，缺席 0 人，未登记 0 人')).toBeInTheDocument();

    screen.getAllByRole('radio', { name: '出席' })[0].focus();
    await user.keyboard('l');
    expect(screen.getAllByRole('radio', { name: '请假' })[0]).toBeChecked();
    expect(screen.getAllByRole('radio', { name: '出席' })[1]).toHaveFocus();

    await user.click(screen.getByRole('button', { name: '保存并标记会议已召开' }));
    expect(await screen.findByText('已保存 3 条考勤记录')).toBeInTheDocument();
    const bulk = calls.find((call) => call.method === 'POST' && call.url.endsWith('/attendance/bulk'));
    expect(bulk?.body).toEqual({
      rows: [
        { memberId: 'm-1', status: 'excused' },
        { memberId: 'm-2', status: 'present' },
        { memberId: 'm-3', status: 'present' },
      ],
    });
    await waitFor(() => expect(calls.some((call) => call.method === 'POST' && call.url.endsWith('/activities/a-1/hold'))).toBe(true));
  });

  it('shows the service’s refusal as a sentence and keeps the marks', async () => {
    stubApi({
      'GET /members': { body: { items: members, total: 3, limit: 500, offset: 0 } },
      'GET /activities/a-1/attendance': { body: [] },
      'POST /activities/a-1/attendance/bulk': { status: 403, body: { statusCode: 403, message: 'unit school is outside your scope' } },
    });
    const user = userEvent.setup();
    renderWithQueries(<AttendanceSheet activity={meeting} onClose={() => undefined} />);
    await user.click(await screen.findByRole('button', { name: '全部出席' }));
    await user.click(screen.getByRole('button', { name: '保存并标记会议已召开' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('没有权限：unit school is outside your scope');
    expect(screen.getByText('出席 3 人，请假 0 人，缺席 0 人，未登记 0 人')).toBeInTheDocument();
  });
});
