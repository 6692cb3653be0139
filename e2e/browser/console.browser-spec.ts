import { randomUUID } from 'node:crypto';
import { Principal } from '@campaign/auth';
import { eventually, Infrastructure, Platform, SERVICES, ServiceName, SmtpSink, startInfrastructure, startPlatform, startSmtpSink } from '@campaign/testing';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { PlatformClient, waitFor } from '../../tools/platform/client';
import { LOCAL_AUTH_SECRET } from '../../tools/platform/dev-tokens';
import { Campaign, holdActivity, launchDemoCampaign, Member, membersOf } from '../../tools/platform/scenario';
import { launchDevConsole, WebConsole } from '../../apps/web/server';
import { launchChromium, personOn, review, signIn } from './console-harness';

const SCHOOL_SIZE = 30;
/** The demo scheme's `meetings` rule: a special meeting attended is 1 point. */
const SPECIAL_MEETING_POINTS = 1;
/** Its `carriers` rule: a unit's activity held under a carrier is 2 points to the unit. */
const CARRIER_ACTIVITY_POINTS = 2;

/**
 * The console as its people use it, in a real browser against the platform as `npm start` runs it: a unit admin
 * takes a meeting's attendance, the member sees the points, the district admin's ranking board moves live, and a
 * member of another district sees none of it. Each main page is screenshotted and checked with axe-core.
 */
describe('the web console in a browser', () => {
  const district = `web-${randomUUID().slice(0, 8)}`;
  let infrastructure: Infrastructure;
  let smtp: SmtpSink;
  let platform: Platform;
  let web: WebConsole;
  let browser: Browser;
  let admin: PlatformClient;
  let campaign: Campaign;
  let school: string;
  let township: string;
  let member: Member;
  /** The district admin's page, opened before the meeting and never reloaded. */
  let board: { context: BrowserContext; page: Page };
  const violations: Record<string, string[]> = {};

  const started = Date.now();
  const step = (what: string) => console.log(`${((Date.now() - started) / 1000).toFixed(0)} s: ${what}`);
  const checkPage = async (page: Page, name: string) => {
    violations[name] = await review(page, name);
  };

  beforeAll(async () => {
    infrastructure = await startInfrastructure();
    smtp = await startSmtpSink();
    step('infrastructure up');
    platform = await startPlatform({ infrastructure, authSecret: LOCAL_AUTH_SECRET, logLevel: 'warn', env: { notifications: { SMTP_URL: smtp.url, MAIL_FROM: 'campaign@browser.test' } } });
    const urls = Object.fromEntries(SERVICES.map((service) => [service, platform.url(service)])) as Record<ServiceName, string>;
    const districtAdmin: Principal = { sub: 'district-admin', district, roles: ['district-admin'], units: [] };
    admin = await PlatformClient.as(urls, districtAdmin);
    step('the four services up');
    campaign = await launchDemoCampaign(admin);
    const [carrier] = campaign.carriers;

    // A small district of the source document: enough to rank, light enough for a loaded CI machine.
    const unit = async (name: string, kind: string, code: string, parentId?: string) =>
      (await admin.post<{ unitId: string }>('org-registry', '/units', { name, kind, code, ...(parentId ? { parentId } : {}) })).unitId;
    const root = await unit('区委', 'district-committee', 'ROOT');
    township = await unit('盈口乡', 'township', 'XZ-YK', root);
    const town = await unit('黄金坳镇', 'town', 'XZ-HJA', root);
    const bureau = await unit('区教育局', 'district-organ', 'JG-JYJ', root);
    school = await unit('区第一中学', 'school', 'XX-ZX1', bureau);
    await admin.put('org-registry', '/import/mappings/hr', { format: 'csv', columns: { externalId: '工号', name: '姓名', unit: '单位编码', posts: '职务' }, unitReference: 'code' });
    const people = (code: string, prefix: string, count: number) =>
      Array.from({ length: count }, (_, i) => `${code}-${String(i + 1).padStart(2, '0')},${prefix}${String(i + 1).padStart(2, '0')},${code},${i === 0 ? '书记' : '党员'}`);
    const csv = ['工号,姓名,单位编码,职务', ...people('XX-ZX1', '教师', SCHOOL_SIZE), ...people('XZ-YK', '盈口', 6), ...people('XZ-HJA', '黄金坳', 5), ...people('JG-JYJ', '教育局', 4)];
    await admin.call('org-registry', 'POST', '/import/members?mapping=hr&dryRun=false', csv.join('\n'), 'text/csv');
    const schoolMembers = await membersOf(admin, school);
    expect(schoolMembers).toHaveLength(SCHOOL_SIZE);
    member = schoolMembers[schoolMembers.length - 1];
    const townshipMembers = await membersOf(admin, township);
    const townMembers = await membersOf(admin, town);
    for (const { memberId } of [...schoolMembers, ...townshipMembers, ...townMembers]) {
      await waitFor(`activity-records to know ${memberId}`, () => admin.get('activity-records', `/org/members/${memberId}`).then(() => true), 120_000);
    }
    step('district, campaign and the school of 30 in place');

    // 盈口乡 met twice and 黄金坳镇 once under a carrier, so the board ranks them before the school's meeting.
    const meet = (unitId: string, members: Member[], title: string, daysAgo: number) =>
      holdActivity(admin, {
        campaignId: campaign._id,
        kind: 'special-meeting',
        title,
        unitId,
        carrierId: carrier.carrierId,
        startsAt: new Date(Date.now() - daysAgo * 24 * 60 * 60_000).toISOString(),
        rows: members.map((m, i) => ({ memberId: m.memberId, status: i % 5 === 4 ? 'excused' : 'present' })),
      });
    await meet(township, townshipMembers, '盈口乡专题会议', 3);
    await meet(township, townshipMembers, '盈口乡党性教育专题会议', 2);
    await meet(town, townMembers, '黄金坳镇专题会议', 2);
    await waitFor(
      'the township and the town on the district board',
      async () => {
        const ranking = await admin.get<{ entries: { subjectId: string; points: number }[] }>('assessment-scoring', `/campaigns/${campaign._id}/rankings?scope=district-units&period=campaign`);
        const points = new Map(ranking.entries.map((entry) => [entry.subjectId, entry.points]));
        return points.get(township) === 2 * CARRIER_ACTIVITY_POINTS && points.get(town) === CARRIER_ACTIVITY_POINTS;
      },
      180_000,
    );
    step('the township on the board');
    web = await launchDevConsole({
      upstreams: urls,
      secret: LOCAL_AUTH_SECRET,
      identities: [
        { id: 'district-admin', label: '区委组织部', principal: districtAdmin },
        { id: 'unit-admin', label: '区第一中学管理员', principal: { sub: 'school-admin', district, roles: ['unit-admin'], units: [school] } },
        { id: 'member', label: `党员 ${member.name}`, principal: { sub: member.memberId, district, roles: ['member'], units: [], memberId: member.memberId } },
        { id: 'outsider', label: '外区党员', principal: { sub: 'outsider', district: `other-${district}`, roles: ['member'], units: [], memberId: 'outsider-member' } },
      ],
    });
    browser = await launchChromium();
    step('console and chromium up');
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await platform?.stop();
    await smtp?.stop();
    await infrastructure?.stop();
  });

  it('records a meeting of 30 on the attendance sheet, and the member’s explained score rises by the scheme’s point', async () => {
    board = await personOn(browser, web.url);
    await signIn(board.page, 'district-admin');
    await board.page.goto('/dashboard');
    await board.page.locator('[data-live="live"]').waitFor();
    await board.page.locator(`table.board tr[data-unit-id="${township}"]`).waitFor();
    await board.page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));
    expect(await board.page.locator(`table.board tr[data-unit-id="${school}"]`).count()).toBe(0);
    await checkPage(board.page, 'district-dashboard');

    const self = await personOn(browser, web.url, 'phone');
    await signIn(self.page, 'member');
    await self.page.waitForURL('**/me');
    const totalBefore = Number(await self.page.locator('[data-total]').getAttribute('data-total'));
    await checkPage(self.page, 'member-space-phone');

    const unitAdmin = await personOn(browser, web.url);
    await signIn(unitAdmin.page, 'unit-admin');
    await unitAdmin.page.waitForURL('**/unit');
    await unitAdmin.page.getByLabel('类型').selectOption('special-meeting');
    await unitAdmin.page.getByLabel('名称').fill('区第一中学专题会议');
    await unitAdmin.page.getByLabel('载体').selectOption({ label: '党性教育' });
    await unitAdmin.page.getByRole('button', { name: '安排' }).click();
    const meeting = unitAdmin.page.locator('.calendar li', { hasText: '区第一中学专题会议' });
    await meeting.waitFor();
    await checkPage(unitAdmin.page, 'unit-workspace');
    await meeting.getByRole('button', { name: '登记考勤' }).click();
    await unitAdmin.page.locator('.sheet-row').nth(SCHOOL_SIZE - 1).waitFor();
    expect(await unitAdmin.page.locator('.sheet-row').count()).toBe(SCHOOL_SIZE);

    // Everyone present with one click, then by keyboard: the first member on leave (L), the next one present again (P).
    await unitAdmin.page.getByRole('button', { name: '全部出席' }).click();
    const firstRow = unitAdmin.page.locator('.sheet-row').first();
    await firstRow.locator('input[value="present"]').focus();
    await unitAdmin.page.keyboard.press('l');
    await unitAdmin.page.keyboard.press('p');
    await unitAdmin.page.locator('.summary', { hasText: `出席 ${SCHOOL_SIZE - 1} 人，请假 1 人，缺席 0 人，未登记 0 人` }).waitFor();
    expect(await firstRow.locator('input[value="excused"]').isChecked()).toBe(true);
    expect(await unitAdmin.page.locator('.sheet-row').nth(1).locator('input[value="present"]').isChecked()).toBe(true);
    await checkPage(unitAdmin.page, 'attendance-sheet');
    await unitAdmin.page.getByRole('button', { name: '保存并标记会议已召开' }).click();
    await unitAdmin.page.locator('.saved', { hasText: `已保存 ${SCHOOL_SIZE} 条考勤记录` }).waitFor();

    // The member (not the one on leave) gains the scheme's points, line by line summing to the total shown.
    const totalAfter = await eventually(
      async () => {
        await self.page.reload();
        const total = Number(await self.page.locator('[data-total]').getAttribute('data-total'));
        expect(total).toBe(totalBefore + SPECIAL_MEETING_POINTS);
        return total;
      },
      { timeoutMs: 120_000, intervalMs: 2_000 },
    );
    const lines = await self.page.locator('table.explained tr[data-points]').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-points'))));
    expect(lines.reduce((sum, points) => sum + points, 0)).toBeCloseTo(totalAfter, 2);
    await checkPage(self.page, 'member-score');

    for (const person of [self, unitAdmin]) await person.context.close();
  }, 480_000);

  it('moves the district admin’s ranking board without a reload (scoring.score.changed through GET /live/scores)', async () => {
    await board.page.locator(`table.board tr[data-unit-id="${school}"][data-points="${CARRIER_ACTIVITY_POINTS}"]`).waitFor({ timeout: 120_000 });
    expect(await board.page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await review(board.page, 'district-dashboard-after')).toEqual([]);
    await board.context.close();
  });

  it('shows the organisation and appraisal pages to the district admin', async () => {
    const person = await personOn(browser, web.url);
    await signIn(person.page, 'district-admin');
    await person.page.goto('/organisation');
    await person.page.getByRole('tree').waitFor();
    await person.page.getByLabel('搜索单位').fill('第一中学');
    await person.page.getByRole('treeitem', { name: /区第一中学/ }).waitFor();
    await checkPage(person.page, 'organisation');
    await person.page.goto('/appraisal');
    await person.page.locator('#round-heading').waitFor();
    await person.page.waitForFunction("document.querySelectorAll('.loading').length === 0");
    await checkPage(person.page, 'appraisal');
    await person.context.close();
  });

  it('shows a member of another district none of it', async () => {
    const outsider = await personOn(browser, web.url);
    await signIn(outsider.page, 'outsider');
    await outsider.page.waitForURL('**/me');
    await outsider.page.getByText('本区尚未发起活动').waitFor();
    await outsider.page.goto('/dashboard');
    await outsider.page.locator('.page [role="alert"], .page :text("本区尚未发起活动")').first().waitFor();
    expect(await outsider.page.locator('[data-unit-id]').count()).toBe(0);
    // Even asked directly through the gateway with its token, the other district's score is not there.
    const status = await outsider.page.evaluate(
      async ([campaignId, memberId]) => {
        const token = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('console.token');
        const response = await fetch(`/api/assessment-scoring/campaigns/${campaignId}/members/${memberId}/explain`, { headers: { authorization: `Bearer ${token}` } });
        return response.status;
      },
      [campaign._id, member.memberId],
    );
    expect([403, 404]).toContain(status);
    await checkPage(outsider.page, 'outsider');
    await outsider.context.close();
  });

  it('shows the sign-in page in Chinese first and in English on request', async () => {
    const person = await personOn(browser, web.url);
    await person.page.goto('/sign-in');
    await person.page.getByRole('heading', { name: '登录' }).waitFor();
    expect(await person.page.getAttribute('html', 'lang')).toBe('zh-CN');
    await checkPage(person.page, 'sign-in');
    await person.page.getByLabel('语言').selectOption('en');
    await person.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await person.page.getAttribute('html', 'lang')).toBe('en');
    await person.context.close();
  });

  it('finds no serious accessibility violation on any page reviewed', () => {
    expect(Object.keys(violations).sort()).toEqual(
      ['appraisal', 'attendance-sheet', 'district-dashboard', 'member-score', 'member-space-phone', 'organisation', 'outsider', 'sign-in', 'unit-workspace'].sort(),
    );
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((page) => [page, []])));
  });
});
