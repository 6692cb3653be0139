import { randomUUID } from 'node:crypto';
import { eventually } from '@campaign/testing';
import { auth, EventRecorder, startOrgRegistry, TestApp } from './org-test-kit';

type Role = { role: string; unitId: string; unitName?: string };
type MemberEvent = { member: { memberId: string; roles?: Role[]; revision: number } };

describe('org-registry: explicit roles, unit admin grants and leading-group history', () => {
  const district = `d-${randomUUID()}`;
  let service: TestApp;
  let events: EventRecorder;
  let admin: string;
  const units: Record<string, string> = {};
  const members: Record<string, string> = {};

  const createUnit = async (name: string, kind: string, parentId?: string) =>
    (await service.http.post('/units').set(auth(admin)).send({ name, kind, ...(parentId ? { parentId } : {}) })).body.unitId as string;
  const enrol = async (name: string, unitId: string, posts: string[]) => {
    const response = await service.http.post('/members').set(auth(admin)).send({ name, unitId, posts });
    expect(response.status).toBe(201);
    return response.body.memberId as string;
  };
  const rolesOf = async (memberId: string): Promise<Role[]> => (await service.http.get(`/members/${memberId}`).set(auth(admin))).body.roles;
  const lastAnnouncedRoles = (memberId: string) => {
    const announced = events.events.filter((e) => e.type.startsWith('org.member.') && (e.payload as MemberEvent).member.memberId === memberId);
    return (announced.at(-1)?.payload as MemberEvent | undefined)?.member.roles;
  };

  beforeAll(async () => {
    service = await startOrgRegistry('org_roles');
    events = await EventRecorder.start(district);
    admin = await service.tokenFor({ district, roles: ['district-admin'] });
    units.root = await createUnit('区委', 'district-committee');
    units.town = await createUnit('盈口乡', 'township', units.root);
    units.branch = await createUnit('盈口乡机关党支部', 'party-branch', units.town);
    units.other = await createUnit('杨村乡', 'township', units.root);
    members.secretary = await enrol('李强', units.branch, ['支部书记']);
    members.ordinary = await enrol('王芳', units.branch, ['党员']);
    members.organiser = await enrol('周杰', units.town, ['组织委员']);
    members.propaganda = await enrol('吴敏', units.town, ['宣传委员']);
    members.english = await enrol('Li Lei', units.other, ['secretary']);
  });

  afterAll(async () => {
    await events?.stop();
    await service?.app.close();
  });

  it('gives roles through the post dictionary: a 支部书记 is the branch secretary, a 党员 and the English word secretary give none', async () => {
    expect(await rolesOf(members.secretary)).toEqual([{ role: 'secretary', unitId: units.branch, unitName: '盈口乡机关党支部' }]);
    expect(await rolesOf(members.organiser)).toEqual([{ role: 'organiser', unitId: units.town, unitName: '盈口乡' }]);
    expect(await rolesOf(members.ordinary)).toEqual([]);
    expect(await rolesOf(members.english)).toEqual([]);
    await eventually(async () => expect(lastAnnouncedRoles(members.secretary)).toEqual([{ role: 'secretary', unitId: units.branch }]));
    const secretaries = await service.http.get('/members?role=secretary').set(auth(admin));
    expect(secretaries.body.items.map((m: { name: string }) => m.name)).toEqual(['李强']);
  });

  it('lets a district admin edit the dictionary and announces the holders’ new roles', async () => {
    const dictionary = await service.http.get('/post-dictionary').set(auth(admin));
    expect(dictionary.body.revision).toBe(0);
    expect(dictionary.body.entries).toEqual(expect.arrayContaining([{ title: '党组书记', role: 'secretary' }, { title: '党员', role: null }]));
    const unknown = await service.http.get('/post-dictionary/unknown-titles').set(auth(admin));
    expect(unknown.body).toEqual([
      { title: 'secretary', holders: 1 },
      { title: '宣传委员', holders: 1 },
    ]);

    const unitAdmin = await service.tokenFor({ district, roles: ['unit-admin'], units: [units.town] });
    expect((await service.http.put(`/post-dictionary/entries/${encodeURIComponent('宣传委员')}`).set(auth(unitAdmin)).send({ role: 'organiser' })).status).toBe(403);
    expect((await service.http.put(`/post-dictionary/entries/${encodeURIComponent('宣传委员')}`).set(auth(admin)).send({ role: 'emperor' })).status).toBe(400);

    const edited = await service.http.put(`/post-dictionary/entries/${encodeURIComponent('宣传委员')}`).set(auth(admin)).send({ role: 'organiser' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ revision: 1, membersReannounced: 1 });
    expect(await rolesOf(members.propaganda)).toEqual([{ role: 'organiser', unitId: units.town, unitName: '盈口乡' }]);
    await eventually(async () => expect(lastAnnouncedRoles(members.propaganda)).toEqual([{ role: 'organiser', unitId: units.town }]));

    const removed = await service.http.delete(`/post-dictionary/entries/${encodeURIComponent('宣传委员')}`).set(auth(admin));
    expect(removed.body).toMatchObject({ revision: 2, membersReannounced: 1 });
    expect(await rolesOf(members.propaganda)).toEqual([]);
    expect((await service.http.delete(`/post-dictionary/entries/${encodeURIComponent('宣传委员')}`).set(auth(admin))).status).toBe(404);

    const elsewhere = await service.tokenFor({ district: `d-${randomUUID()}`, roles: ['district-admin'] });
    expect((await service.http.get('/post-dictionary').set(auth(elsewhere))).body.revision).toBe(0);
  });

  it('records unit admin grants explicitly, announces them, and gives the role unit-admin of the unit', async () => {
    const granted = await service.http.post(`/units/${units.branch}/admins`).set(auth(admin)).send({ memberId: members.ordinary, from: '2026-03-01' });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({
      unitId: units.branch,
      unitName: '盈口乡机关党支部',
      memberId: members.ordinary,
      memberName: '王芳',
      active: true,
      tenures: [{ from: '2026-03-01', to: null, grantedBy: 'district-admin-user', revokedBy: null }],
    });
    expect(await rolesOf(members.ordinary)).toEqual([{ role: 'unit-admin', unitId: units.branch, unitName: '盈口乡机关党支部' }]);
    await eventually(async () => {
      expect(events.ofType('org.unit-admin-grant.changed').map((e) => e.payload)).toEqual([
        expect.objectContaining({ unitId: units.branch, memberId: members.ordinary, active: true, from: '2026-03-01', to: null, revision: 1 }),
      ]);
      expect(lastAnnouncedRoles(members.ordinary)).toEqual([{ role: 'unit-admin', unitId: units.branch }]);
    });

    expect((await service.http.post(`/units/${units.branch}/admins`).set(auth(admin)).send({ memberId: members.ordinary })).body).toMatchObject({ statusCode: 409, code: 'unit-admin.already-granted' });
    const townAdmin = await service.tokenFor({ district, roles: ['unit-admin'], units: [units.town] });
    expect((await service.http.post(`/units/${units.branch}/admins`).set(auth(townAdmin)).send({ memberId: members.secretary })).status).toBe(403);
    expect((await service.http.get(`/units/${units.branch}/admins`).set(auth(townAdmin))).body.map((g: { memberName: string }) => g.memberName)).toEqual(['王芳']);
    expect((await service.http.get(`/units/${units.other}/admins`).set(auth(townAdmin))).status).toBe(403);
    expect((await service.http.post(`/units/${units.branch}/admins`).set(auth(admin)).send({ memberId: randomUUID() })).status).toBe(404);

    const revoked = await service.http.delete(`/units/${units.branch}/admins/${members.ordinary}?to=2026-11-30`).set(auth(admin));
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ active: false, tenures: [{ from: '2026-03-01', to: '2026-11-30', revokedBy: 'district-admin-user' }] });
    expect(await rolesOf(members.ordinary)).toEqual([]);
    expect((await service.http.get(`/units/${units.branch}/admins`).set(auth(admin))).body).toEqual([]);
    expect((await service.http.get(`/units/${units.branch}/admins?all=true`).set(auth(admin))).body).toHaveLength(1);
    expect((await service.http.delete(`/units/${units.branch}/admins/${members.ordinary}`).set(auth(admin))).body).toMatchObject({ statusCode: 404, code: 'unit-admin.not-granted' });

    const stranger = await service.tokenFor({ district: `d-${randomUUID()}`, roles: ['district-admin'] });
    expect((await service.http.post(`/units/${units.branch}/admins`).set(auth(stranger)).send({ memberId: members.ordinary })).status).toBe(404);
  });

  it('keeps the history of leading-group seats: who held which role when, and who changed it', async () => {
    const created = await service.http
      .post(`/units/${units.town}/leading-groups`)
      .set(auth(admin))
      .send({ name: '创先争优活动领导小组', kind: 'leading-group', effectiveAt: '2026-03-01', members: [{ memberId: members.organiser, role: 'leader' }, { memberId: members.secretary, role: 'member' }] });
    expect(created.status).toBe(201);
    expect(created.body.members).toEqual([
      { memberId: members.organiser, role: 'leader', memberName: '周杰' },
      { memberId: members.secretary, role: 'member', memberName: '李强' },
    ]);
    const groupId = created.body.groupId as string;

    const townAdmin = await service.tokenFor({ sub: 'town-admin', district, roles: ['unit-admin'], units: [units.town] });
    const changed = await service.http
      .put(`/leading-groups/${groupId}/members`)
      .set(auth(townAdmin))
      .send({ effectiveAt: '2026-09-01', members: [{ memberId: members.organiser, role: 'leader' }, { memberId: members.secretary, role: 'deputy' }, { memberId: members.ordinary, role: 'member' }] });
    expect(changed.status).toBe(200);
    await service.http.delete(`/leading-groups/${groupId}/members/${members.ordinary}?effectiveAt=2026-10-15`).set(auth(admin)).expect(200);

    const history = await service.http.get(`/leading-groups/${groupId}/history`).set(auth(admin));
    expect(history.body).toMatchObject({ name: '创先争优活动领导小组', unitName: '盈口乡' });
    expect(history.body.tenures).toEqual([
      { memberId: members.organiser, memberName: '周杰', role: 'leader', from: '2026-03-01', to: null, assignedBy: 'district-admin-user', endedBy: null },
      { memberId: members.secretary, memberName: '李强', role: 'member', from: '2026-03-01', to: '2026-09-01', assignedBy: 'district-admin-user', endedBy: 'town-admin' },
      { memberId: members.secretary, memberName: '李强', role: 'deputy', from: '2026-09-01', to: null, assignedBy: 'town-admin', endedBy: null },
      { memberId: members.ordinary, memberName: '王芳', role: 'member', from: '2026-09-01', to: '2026-10-15', assignedBy: 'town-admin', endedBy: 'district-admin-user' },
    ]);

    const seats = await service.http.get(`/members/${members.secretary}/seats`).set(auth(admin));
    expect(seats.body.map((s: { role: string; from: string; to: string | null; unitName: string }) => [s.role, s.from, s.to, s.unitName])).toEqual([
      ['member', '2026-03-01', '2026-09-01', '盈口乡'],
      ['deputy', '2026-09-01', null, '盈口乡'],
    ]);
    expect(await rolesOf(members.secretary)).toEqual([
      { role: 'secretary', unitId: units.branch, unitName: '盈口乡机关党支部' },
      { role: 'leading-group-deputy', unitId: units.town, unitName: '盈口乡' },
    ].sort((a, b) => a.unitId.localeCompare(b.unitId) || a.role.localeCompare(b.role)));
    expect(await rolesOf(members.ordinary)).toEqual([]);

    const self = await service.tokenFor({ district, roles: ['member'], memberId: members.ordinary });
    expect((await service.http.get(`/members/${members.ordinary}/seats`).set(auth(self))).body).toEqual([
      expect.objectContaining({ groupId, groupName: '创先争优活动领导小组', role: 'member', from: '2026-09-01', to: '2026-10-15' }),
    ]);
    expect((await service.http.get(`/members/${members.secretary}/seats`).set(auth(self))).status).toBe(403);
    const otherTownAdmin = await service.tokenFor({ district, roles: ['unit-admin'], units: [units.other] });
    expect((await service.http.get(`/leading-groups/${groupId}/history`).set(auth(otherTownAdmin))).status).toBe(403);
    expect((await service.http.get(`/leading-groups/${randomUUID()}/history`).set(auth(admin))).status).toBe(404);
  });

  it('says what is wrong in Chinese by default and in English on request, with a stable code', async () => {
    const missing = randomUUID();
    const chinese = await service.http.get(`/units/${missing}`).set(auth(admin));
    expect(chinese.body).toEqual({ statusCode: 404, code: 'unit.not-found', message: `本区没有编号为 ${missing} 的单位` });
    const english = await service.http.get(`/units/${missing}`).set(auth(admin)).set('Accept-Language', 'en-US,en;q=0.9');
    expect(english.body).toEqual({ statusCode: 404, code: 'unit.not-found', message: `The district has no unit ${missing}` });
    const invalid = await service.http.post('/units').set(auth(admin)).set('Accept-Language', 'en').send({ name: '', kind: 'castle' });
    expect(invalid.body).toMatchObject({ statusCode: 400, code: 'request.invalid', message: 'Invalid request: name, kind' });
    const noToken = await service.http.get('/units');
    expect(noToken.body).toMatchObject({ statusCode: 401, code: 'auth.unauthorized', message: '需要有效的访问令牌' });
  });
});
