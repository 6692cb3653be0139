import { randomUUID } from 'node:crypto';
import { eventually } from '@campaign/testing';
import { auth, EventRecorder, startOrgRegistry, TestApp } from './org-test-kit';

describe('org-registry: the unit tree, members and access', () => {
  const district = `d-${randomUUID()}`;
  let service: TestApp;
  let events: EventRecorder;
  let admin: string;
  const ids: Record<string, string> = {};

  const createUnit = async (name: string, kind: string, parentId?: string, code?: string) => {
    const response = await service.http.post('/units').set(auth(admin)).send({ name, kind, ...(parentId ? { parentId } : {}), ...(code ? { code } : {}) });
    expect(response.status).toBe(201);
    return response.body.unitId as string;
  };
  const subtreeNames = async (unitId: string, token = admin) => {
    const response = await service.http.get(`/units/${unitId}/subtree?limit=500`).set(auth(token));
    expect(response.status).toBe(200);
    return (response.body.items as { name: string }[]).map((u) => u.name).sort();
  };

  beforeAll(async () => {
    service = await startOrgRegistry('org_tree');
    events = await EventRecorder.start(district);
    admin = await service.tokenFor({ district, roles: ['district-admin'] });
    ids.root = await createUnit('区委', 'district-committee');
    ids.yingkou = await createUnit('盈口乡', 'township', ids.root, 'XZ-YK');
    ids.yangcun = await createUnit('杨村乡', 'township', ids.root, 'XZ-YC');
    ids.branch = await createUnit('盈口乡机关党支部', 'party-branch', ids.yingkou);
    ids.village = await createUnit('盈口乡第一村党支部', 'party-branch', ids.branch);
  });

  afterAll(async () => {
    await events?.stop();
    await service?.app.close();
  });

  it('answers subtree queries by path, and a move carries the subtree with it', async () => {
    expect(await subtreeNames(ids.yingkou)).toEqual(['盈口乡', '盈口乡第一村党支部', '盈口乡机关党支部'].sort());
    const moved = await service.http.post(`/units/${ids.branch}/move`).set(auth(admin)).send({ parentId: ids.yangcun });
    expect(moved.status).toBe(200);
    expect(moved.body.path).toEqual([ids.root, ids.yangcun, ids.branch]);
    expect(await subtreeNames(ids.yingkou)).toEqual(['盈口乡']);
    expect(await subtreeNames(ids.yangcun)).toEqual(['杨村乡', '盈口乡第一村党支部', '盈口乡机关党支部'].sort());
    const village = await service.http.get(`/units/${ids.village}`).set(auth(admin));
    expect(village.body.path).toEqual([ids.root, ids.yangcun, ids.branch, ids.village]);
    await eventually(async () => {
      const [event] = events.ofType('org.unit.moved');
      expect(event.subject).toBe('org.unit.moved.v1');
      expect(event.payload).toMatchObject({ previousPath: [ids.root, ids.yingkou, ids.branch], unit: { unitId: ids.branch, parentId: ids.yangcun, revision: 2 } });
    });
  });

  it('refuses a move into the unit’s own subtree with a 400 naming the field', async () => {
    const response = await service.http.post(`/units/${ids.yangcun}/move`).set(auth(admin)).send({ parentId: ids.village });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('parentId');
  });

  it('validates input with a clear 400', async () => {
    const response = await service.http.post('/units').set(auth(admin)).send({ name: '', kind: 'castle' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.message)).toMatch(/name/);
    expect(JSON.stringify(response.body.message)).toMatch(/kind/);
    const duplicateCode = await service.http.post('/units').set(auth(admin)).send({ name: '又一个盈口乡', kind: 'township', parentId: ids.root, code: 'XZ-YK' });
    expect(duplicateCode.status).toBe(409);
  });

  it('announces a rename once and a repeated rename not at all', async () => {
    const renamed = await service.http.patch(`/units/${ids.yingkou}`).set(auth(admin)).send({ name: '盈口乡人民政府' });
    expect(renamed.body).toMatchObject({ name: '盈口乡人民政府', revision: 2 });
    const again = await service.http.patch(`/units/${ids.yingkou}`).set(auth(admin)).send({ name: '盈口乡人民政府' });
    expect(again.body.revision).toBe(2);
    await eventually(async () => expect(events.about((p) => (p.unit as { unitId?: string })?.unitId === ids.yingkou && p.unit !== undefined).filter((e) => e.type === 'org.unit.updated')).toHaveLength(1));
    await events.caughtUpWith(service.app);
    expect(events.ofType('org.unit.updated').filter((e) => (e.payload as { unit: { unitId: string } }).unit.unitId === ids.yingkou)).toHaveLength(1);
  });

  it('transfers a member, keeps the history and emits MemberTransferred with the new path', async () => {
    const enrolled = await service.http
      .post('/members')
      .set(auth(admin))
      .send({ name: '王伟', unitId: ids.village, externalId: 'E-1', posts: ['书记'], isLeader: true, contacts: { email: 'wang@example.org' } });
    expect(enrolled.status).toBe(201);
    const memberId = enrolled.body.memberId as string;
    const duplicate = await service.http.post('/members').set(auth(admin)).send({ name: '王伟', unitId: ids.village, externalId: 'E-1' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toMatch(/externalId E-1/);
    const transferred = await service.http.post(`/members/${memberId}/transfer`).set(auth(admin)).send({ toUnitId: ids.yingkou, effectiveAt: '2026-11-01' });
    expect(transferred.status).toBe(200);
    expect(transferred.body).toMatchObject({ unitId: ids.yingkou, unitPath: [ids.root, ids.yingkou], revision: 2 });
    expect(transferred.body.history).toEqual([expect.objectContaining({ unitId: ids.village, to: '2026-11-01' })]);
    await eventually(async () => {
      const [event] = events.ofType('org.member.transferred');
      expect(event.payload).toMatchObject({
        fromUnitId: ids.village,
        toUnitId: ids.yingkou,
        effectiveAt: '2026-11-01',
        member: { memberId, unitPath: [ids.root, ids.yingkou], revision: 2 },
      });
      expect(event).toMatchObject({ source: 'org-registry', schemaVersion: 1, district });
      expect(event.correlationId).toEqual(expect.any(String));
    });
    const bySubtree = await service.http.get(`/members?subtreeOf=${ids.yingkou}&post=书记&status=active`).set(auth(admin));
    expect(bySubtree.body.items.map((m: { memberId: string }) => m.memberId)).toEqual([memberId]);
    const byName = await service.http.get(`/members?name=王`).set(auth(admin));
    expect(byName.body.total).toBe(1);
  });

  it('a unit move rewrites the unit paths of members in the subtree', async () => {
    const enrolled = await service.http.post('/members').set(auth(admin)).send({ name: '李娜', unitId: ids.village });
    const moved = await service.http.post(`/units/${ids.branch}/move`).set(auth(admin)).send({ parentId: ids.yingkou });
    expect(moved.status).toBe(200);
    const member = await service.http.get(`/members/${enrolled.body.memberId}`).set(auth(admin));
    expect(member.body.unitPath).toEqual([ids.root, ids.yingkou, ids.branch, ids.village]);
    const inSubtree = await service.http.get(`/members?subtreeOf=${ids.yingkou}`).set(auth(admin));
    expect(inSubtree.body.items.map((m: { name: string }) => m.name)).toContain('李娜');
  });

  it('refuses to close a unit with active children, closes an empty one, never deletes it', async () => {
    expect((await service.http.post(`/units/${ids.yingkou}/close`).set(auth(admin))).status).toBe(409);
    const empty = await createUnit('临时工作组', 'other', ids.yangcun);
    const closed = await service.http.post(`/units/${empty}/close`).set(auth(admin));
    expect(closed.body).toMatchObject({ status: 'closed', revision: 2 });
    expect((await service.http.get(`/units/${empty}`).set(auth(admin))).body.status).toBe('closed');
    await eventually(async () => expect(events.ofType('org.unit.closed')).toHaveLength(1));
  });

  it('a unit admin sees and changes only their subtree: 403 for a unit of the district outside it, 404 for none', async () => {
    const yangcunAdmin = await service.tokenFor({ district, roles: ['unit-admin'], units: [ids.yangcun] });
    expect((await service.http.get(`/units/${ids.yangcun}`).set(auth(yangcunAdmin))).status).toBe(200);
    const outside = await service.http.get(`/units/${ids.yingkou}`).set(auth(yangcunAdmin));
    expect(outside.status).toBe(403);
    expect(outside.body).toMatchObject({ code: 'unit.out-of-scope', message: expect.stringContaining('盈口乡') });
    expect((await service.http.patch(`/units/${ids.yingkou}`).set(auth(yangcunAdmin)).send({ name: 'x' })).status).toBe(403);
    expect((await service.http.post('/units').set(auth(yangcunAdmin)).send({ name: 'x', kind: 'other', parentId: ids.yingkou })).status).toBe(403);
    expect((await service.http.get(`/units/${ids.yingkou}/subtree`).set(auth(yangcunAdmin))).status).toBe(403);
    expect((await service.http.get(`/units/${randomUUID()}`).set(auth(yangcunAdmin))).body).toMatchObject({ statusCode: 404, code: 'unit.not-found' });
    const list = await service.http.get('/units?limit=500').set(auth(yangcunAdmin));
    expect(list.body.items.every((u: { path: string[] }) => u.path.includes(ids.yangcun))).toBe(true);
    const members = await service.http.get('/members').set(auth(yangcunAdmin));
    expect(members.body.total).toBe(0);
  });

  it('a member sees only themselves', async () => {
    const all = await service.http.get('/members').set(auth(admin));
    const [self, other] = all.body.items as { memberId: string }[];
    const member = await service.tokenFor({ district, roles: ['member'], memberId: self.memberId });
    expect((await service.http.get('/members/me').set(auth(member))).body.memberId).toBe(self.memberId);
    expect((await service.http.get(`/members/${other.memberId}`).set(auth(member))).body).toMatchObject({ statusCode: 403, code: 'member.out-of-scope' });
    expect((await service.http.get(`/members/${randomUUID()}`).set(auth(member))).status).toBe(404);
    expect((await service.http.get('/members').set(auth(member))).body.items.map((m: { memberId: string }) => m.memberId)).toEqual([self.memberId]);
    expect((await service.http.get('/units').set(auth(member))).status).toBe(403);
  });

  it('another district’s token sees nothing', async () => {
    const stranger = await service.tokenFor({ district: `d-${randomUUID()}`, roles: ['district-admin'] });
    expect((await service.http.get(`/units/${ids.root}`).set(auth(stranger))).status).toBe(404);
    expect((await service.http.get('/units').set(auth(stranger))).body.total).toBe(0);
    expect((await service.http.get('/members').set(auth(stranger))).body.total).toBe(0);
    expect((await service.http.get('/snapshot/members').set(auth(stranger))).body.items).toEqual([]);
    expect((await service.http.post(`/units/${ids.branch}/move`).set(auth(stranger)).send({ parentId: ids.root })).status).toBe(404);
  });

  it('systems and leading groups announce themselves; the snapshot lets a consumer rebuild', async () => {
    const [member] = (await service.http.get('/members').set(auth(admin))).body.items as { memberId: string }[];
    const system = await service.http.post('/systems').set(auth(admin)).send({ name: '教育系统', code: 'education', leadUnitId: ids.yangcun });
    expect(system.status).toBe(201);
    expect(system.body).toMatchObject({ leadUnitId: ids.yangcun, unitIds: [ids.yangcun], revision: 1 });
    const unit = await service.http.get(`/units/${ids.yangcun}`).set(auth(admin));
    expect(unit.body.systemIds).toEqual([system.body.systemId]);
    const group = await service.http
      .post(`/units/${ids.root}/leading-groups`)
      .set(auth(admin))
      .send({ name: '创先争优活动领导小组', kind: 'leading-group', members: [{ memberId: member.memberId, role: 'leader' }] });
    expect(group.status).toBe(201);
    await eventually(async () => {
      expect(events.ofType('org.system.changed')).toHaveLength(1);
      expect(events.ofType('org.leading-group.changed')[0].payload).toMatchObject({ unitId: ids.root, members: [{ memberId: member.memberId, role: 'leader' }], revision: 1 });
    });
    const operator = await service.tokenFor({ district, roles: ['operator'] });
    const first = await service.http.get('/snapshot/units?limit=3').set(auth(operator));
    const second = await service.http.get(`/snapshot/units?limit=500&after=${first.body.nextAfter}`).set(auth(operator));
    const all = [...first.body.items, ...second.body.items];
    expect(all).toHaveLength(6);
    expect(new Set(all.map((u: { unitId: string }) => u.unitId)).size).toBe(6);
    const members = await service.http.get('/snapshot/members').set(auth(operator));
    expect(members.body.items[0]).toEqual(expect.objectContaining({ memberId: expect.any(String), revision: expect.any(Number), unitPath: expect.any(Array) }));
  });
});
