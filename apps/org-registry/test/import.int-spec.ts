import { randomUUID } from 'node:crypto';
import { eventually } from '@campaign/testing';
import { auth, EventRecorder, startOrgRegistry, TestApp } from './org-test-kit';

const MAPPING = {
  format: 'csv',
  columns: { externalId: '工号', name: '姓名', unit: '单位编码', posts: '职务', isLeader: '领导干部', isKeyPost: '重点岗位', status: '状态', email: '邮箱', joinedAt: '入党日期' },
  unitReference: 'code',
};
const HEADER = '工号,姓名,单位编码,职务,领导干部,重点岗位,状态,邮箱,入党日期';

const FIRST_FILE = [
  HEADER,
  'H001,刘洋,XZ-YK,书记,是,是,在职,liuyang@example.org,2001-07-01',
  'H002,黄敏,XZ-YK,党员,否,否,在职,,2010-7-1',
  'H003,周杰,XZ-YC,组织委员,否,是,在职,,',
  'H004,吴芳,XZ-YC,党员,否,否,在职,,',
  'H005,徐强,XZ-YC,党员,否,否,在职,,',
].join('\n');

const SECOND_FILE = [
  HEADER,
  'H001,刘洋,XZ-YK,书记、乡长,是,是,在职,liuyang@example.org,2001-07-01',
  'H002,黄敏,XZ-YC,党员,否,否,在职,,2010-07-01',
  'H003,周杰,XZ-YC,组织委员,否,是,在职,,',
  'H004,吴芳,XZ-YC,党员,否,否,退休,,',
  'H006,孙丽,NOWHERE,党员,否,否,在职,,',
  'H007,,XZ-YK,党员,否,否,在职,,',
  'H008,马军,XZ-YK,党员,maybe,否,在职,,',
  'H009,朱艳,XZ-YK,党员,否,否,在职,not-an-email,',
  'H010,胡超,XZ-YK,党员,否,否,在职,,2020-13-45',
  'H003,周杰,XZ-YC,组织委员,否,是,在职,,',
  'H011,郭华,XZ-YK,党员,否,否,在职,,',
].join('\n');

describe('org-registry: bulk import of HR exports', () => {
  const district = `d-${randomUUID()}`;
  let service: TestApp;
  let events: EventRecorder;
  let hr: string;
  let admin: string;

  const importFile = (file: string, query: string) =>
    service.http.post(`/import/members?mapping=hr&${query}`).set(auth(hr)).set('Content-Type', 'text/csv').send(file);
  const memberEvents = () => events.events.filter((e) => e.type.startsWith('org.member.'));

  beforeAll(async () => {
    service = await startOrgRegistry('org_import');
    events = await EventRecorder.start(district);
    hr = await service.tokenFor({ district, roles: ['hr-sync'] });
    admin = await service.tokenFor({ district, roles: ['district-admin'] });
    const root = (await service.http.post('/units').set(auth(admin)).send({ name: '区委', kind: 'district-committee', code: 'QW' })).body.unitId;
    for (const [code, name] of [['XZ-YK', '盈口乡'], ['XZ-YC', '杨村乡']]) {
      await service.http.post('/units').set(auth(admin)).send({ name, kind: 'township', parentId: root, code });
    }
    expect((await service.http.put('/import/mappings/hr').set(auth(hr)).send(MAPPING)).status).toBe(200);
  });

  afterAll(async () => {
    await events?.stop();
    await service?.app.close();
  });

  it('refuses a mapping without the required columns, naming them in the caller’s language', async () => {
    const response = await service.http.put('/import/mappings/broken').set(auth(hr)).send({ format: 'csv', columns: { name: '姓名' } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'import.invalid-mapping', field: 'columns', message: '字段映射无效：字段映射必须包含 externalId、name 和 unit' });
    const english = await service.http.put('/import/mappings/broken').set(auth(hr)).set('Accept-Language', 'en').send({ format: 'csv', columns: { name: '姓名' } });
    expect(english.body.message).toBe('Invalid column mapping: The column mapping must map externalId, name and unit');
  });

  it('a dry run reports the diff and writes nothing; the apply writes exactly that diff', async () => {
    const dryRun = await importFile(FIRST_FILE, 'dryRun=true');
    expect(dryRun.status).toBe(200);
    expect(dryRun.body).toMatchObject({ dryRun: true, rows: 5, created: { count: 5 }, rejected: { count: 0 } });
    expect(dryRun.body.created.items[0]).toMatchObject({ line: 2, externalId: 'H001', name: '刘洋', unitName: '盈口乡' });
    expect((await service.http.get('/members').set(auth(admin))).body.total).toBe(0);

    const applied = await importFile(FIRST_FILE, 'dryRun=false');
    const strip = (report: Record<string, { count: number; items: Record<string, unknown>[] }>) =>
      Object.fromEntries(['created', 'updated', 'moved', 'left', 'unchanged', 'rejected'].map((key) => [key, report[key].items.map(({ memberId: _m, ...rest }) => rest)]));
    expect(strip(applied.body)).toEqual(strip(dryRun.body));
    const members = await service.http.get('/members?limit=50').set(auth(admin));
    expect(members.body.total).toBe(5);
    expect(members.body.items.find((m: { externalId: string }) => m.externalId === 'H001')).toMatchObject({
      posts: ['书记'],
      isLeader: true,
      isKeyPost: true,
      joinedAt: '2001-07-01',
      contacts: { email: 'liuyang@example.org' },
    });
    expect(members.body.items.find((m: { externalId: string }) => m.externalId === 'H002').joinedAt).toBe('2010-07-01');
    await eventually(async () => expect(memberEvents().map((e) => e.type)).toEqual(Array(5).fill('org.member.enrolled')));
    // Roles come from the district's post dictionary: 书记 is the township's secretary, 组织委员 its organiser, a 党员 holds none.
    const rolesOf = (externalId: string) => members.body.items.find((m: { externalId: string }) => m.externalId === externalId).roles;
    expect(rolesOf('H001')).toEqual([{ role: 'secretary', unitId: expect.any(String), unitName: '盈口乡' }]);
    expect(rolesOf('H003')).toEqual([{ role: 'organiser', unitId: expect.any(String), unitName: '杨村乡' }]);
    expect(rolesOf('H002')).toEqual([]);
    const enrolled = memberEvents().find((e) => (e.payload as { member: { externalId: string } }).member.externalId === 'H001');
    expect((enrolled?.payload as { member: { roles: unknown[] } }).member.roles).toEqual([{ role: 'secretary', unitId: expect.any(String) }]);
  });

  it('re-importing the same file changes nothing and emits no events', async () => {
    const again = await importFile(FIRST_FILE, 'dryRun=false');
    expect(again.body).toMatchObject({ created: { count: 0 }, updated: { count: 0 }, moved: { count: 0 }, left: { count: 0 }, unchanged: { count: 5 }, rejected: { count: 0 } });
    await events.caughtUpWith(service.app);
    expect(memberEvents()).toHaveLength(5);
  });

  it('reports moves, updates, leavers and bad rows precisely, and applies the good rows', async () => {
    const dryRun = await importFile(SECOND_FILE, 'dryRun=true&missing=leave');
    expect(dryRun.body.rejected.items).toEqual([
      { line: 6, externalId: 'H006', field: 'unit', code: 'import.row.unknown-unit-code', reason: '没有编码为“NOWHERE”的在用单位' },
      { line: 7, externalId: 'H007', field: 'name', code: 'import.row.missing', reason: '缺少“name”' },
      { line: 8, externalId: 'H008', field: 'isLeader', code: 'import.row.not-a-flag', reason: '“isLeader”的值“maybe”不是“是/否”' },
      { line: 9, externalId: 'H009', field: 'email', code: 'import.row.not-an-email', reason: '“not-an-email”不是电子邮箱地址' },
      { line: 10, externalId: 'H010', field: 'joinedAt', code: 'import.row.not-a-date', reason: '“joinedAt”的值“2020-13-45”不是日期（YYYY-MM-DD）' },
      { line: 11, externalId: 'H003', field: 'externalId', code: 'import.row.duplicate', reason: '与第 4 行的 externalId 重复' },
    ]);
    const english = await service.http.post('/import/members?mapping=hr&dryRun=true&missing=leave').set(auth(hr)).set('Accept-Language', 'en').set('Content-Type', 'text/csv').send(SECOND_FILE);
    expect(english.body.rejected.items[0].reason).toBe('No active unit has the code NOWHERE');
    expect(dryRun.body.updated.items).toEqual([expect.objectContaining({ line: 2, externalId: 'H001', name: '刘洋', changes: ['posts'] })]);
    expect(dryRun.body.moved.items).toEqual([
      expect.objectContaining({ line: 3, externalId: 'H002', name: '黄敏', fromUnitName: '盈口乡', toUnitName: '杨村乡', changes: ['unitId'] }),
    ]);
    expect(dryRun.body.left.items.map((l: { name: string }) => l.name).sort()).toEqual(['吴芳', '徐强'].sort());
    expect(dryRun.body.left.items.map((l: { externalId: string }) => l.externalId).sort()).toEqual(['H004', 'H005']);
    expect(dryRun.body.unchanged.items.map((u: { externalId: string }) => u.externalId)).toEqual(['H003']);
    expect(dryRun.body.created.items.map((c: { externalId: string }) => c.externalId)).toEqual(['H011']);

    const applied = await importFile(SECOND_FILE, 'dryRun=false&missing=leave');
    for (const key of ['created', 'updated', 'moved', 'left', 'unchanged', 'rejected']) expect(applied.body[key].count).toBe(dryRun.body[key].count);
    expect(applied.body.conflicts).toBe(0);

    const retired = await service.http.get('/members?status=retired').set(auth(admin));
    expect(retired.body.items.map((m: { externalId: string }) => m.externalId)).toEqual(['H004']);
    const left = await service.http.get('/members?status=left').set(auth(admin));
    expect(left.body.items).toEqual([expect.objectContaining({ externalId: 'H005', leftAt: expect.any(String) })]);
    await eventually(async () => {
      const types = memberEvents().slice(5).map((e) => e.type).sort();
      expect(types).toEqual(['org.member.enrolled', 'org.member.left', 'org.member.left', 'org.member.transferred', 'org.member.updated']);
    });
    const transferred = events.ofType('org.member.transferred')[0];
    expect(transferred.payload).toMatchObject({ member: { externalId: 'H002', revision: 2 } });

    const reapplied = await importFile(SECOND_FILE, 'dryRun=false&missing=leave');
    expect(reapplied.body).toMatchObject({ created: { count: 0 }, updated: { count: 0 }, moved: { count: 0 }, left: { count: 0 }, rejected: { count: 6 } });
  });

  it('imports JSON with the same mapping semantics', async () => {
    await service.http.put('/import/mappings/json').set(auth(hr)).send({ ...MAPPING, format: 'json' });
    const records = [{ 工号: 'J001', 姓名: '林涛', 单位编码: 'XZ-YK', 职务: ['党员', '团支书'], 领导干部: false }, { 工号: 'J002' }];
    const response = await service.http.post('/import/members?mapping=json&dryRun=false').set(auth(hr)).set('Content-Type', 'application/octet-stream').send(Buffer.from(JSON.stringify(records)));
    expect(response.body).toMatchObject({ created: { count: 1 }, rejected: { count: 1, items: [{ line: 2, externalId: 'J002', field: 'name', code: 'import.row.missing' }] } });
    const member = await service.http.get('/members?name=林涛').set(auth(admin));
    expect(member.body.items[0].posts).toEqual(['党员', '团支书']);
  });

  it('refuses callers without the hr-sync or district-admin role, and an unknown mapping', async () => {
    const unitAdmin = await service.tokenFor({ district, roles: ['unit-admin'], units: ['x'] });
    expect((await service.http.post('/import/members?mapping=hr').set(auth(unitAdmin)).set('Content-Type', 'text/csv').send(FIRST_FILE)).status).toBe(403);
    expect((await service.http.post('/import/members?mapping=nope').set(auth(hr)).set('Content-Type', 'text/csv').send(FIRST_FILE)).status).toBe(404);
  });
});
