import { randomUUID } from 'node:crypto';
import { eventually } from '@campaign/testing';
import { auth, EventRecorder, startOrgRegistry, TestApp } from './org-test-kit';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

interface WaitingItem {
  member: { memberId: string; unitId: string };
  department?: string;
  since: string;
  unit: { unitId: string; name: string };
}

/** Provisioned members whose department names no unit: the holding unit, the waiting list, placing them, department mappings. */
describe('org-registry: placing members the identity provider sends with an unknown department', () => {
  const district = `d-${randomUUID()}`;
  let service: TestApp;
  let events: EventRecorder;
  let hr: string;
  let admin: string;
  const units: Record<string, string> = {};

  const provision = async (userName: string, department?: string, displayName = '林涛') => {
    const created = await service.http
      .post('/scim/v2/Users')
      .set(auth(hr))
      .send({ schemas: [USER_SCHEMA, ENTERPRISE], userName, displayName, ...(department ? { [ENTERPRISE]: { department } } : {}) });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const member = async (id: string) => (await service.http.get(`/members/${id}`).set(auth(admin))).body;
  const waiting = async (token = admin) => (await service.http.get('/placement/waiting').set(auth(token))).body as { items: WaitingItem[]; total: number };
  const unit = async (name: string, code: string, parentId?: string) => {
    const created = await service.http.post('/units').set(auth(admin)).send({ name, code, kind: parentId ? 'district-organ' : 'district-committee', ...(parentId ? { parentId } : {}) });
    expect(created.status).toBe(201);
    return created.body.unitId as string;
  };

  beforeAll(async () => {
    service = await startOrgRegistry('org_placement');
    events = await EventRecorder.start(district);
    hr = await service.tokenFor({ district, roles: ['hr-sync'] });
    admin = await service.tokenFor({ district, roles: ['district-admin'] });
    units.root = await unit('区委', 'QW');
    units.science = await unit('区科技局', 'QKJJ', units.root);
    units.education = await unit('区教育局', 'QJYJ', units.root);
    units.holding = await unit('区委组织部（待分配）', 'QW-DFP', units.root);
    units.closed = await unit('区蔬菜办', 'QSCB', units.root);
    expect((await service.http.post(`/units/${units.closed}/close`).set(auth(admin)).send({})).status).toBeLessThan(300);
  });

  afterAll(async () => {
    await events?.stop();
    await service?.app.close();
  });

  it('is for district admins only', async () => {
    const unitAdmin = await service.tokenFor({ district, roles: ['unit-admin'], units: [units.root] });
    for (const token of [unitAdmin, hr]) {
      expect((await service.http.get('/placement/waiting').set(auth(token))).status).toBe(403);
      expect((await service.http.put('/placement/department-mappings').set(auth(token)).send({ department: 'x', unitId: units.science })).status).toBe(403);
      expect((await service.http.put('/placement/holding-unit').set(auth(token)).send({ unitId: units.science })).status).toBe(403);
    }
  });

  it('holds new members in the district’s root until a holding unit is configured, then in that unit', async () => {
    expect((await service.http.get('/placement/holding-unit').set(auth(admin))).body).toMatchObject({ unitId: units.root, configured: false });
    const early = await provision('early@contoso.example', 'Strategy Office');
    expect(await member(early)).toMatchObject({ unitId: units.root, awaitingPlacement: { department: 'Strategy Office' } });

    expect((await service.http.put('/placement/holding-unit').set(auth(admin)).send({ unitId: units.closed })).status).toBe(409);
    expect((await service.http.put('/placement/holding-unit').set(auth(admin)).send({ unitId: 'no-such-unit' })).status).toBe(404);
    const configured = await service.http.put('/placement/holding-unit').set(auth(admin)).send({ unitId: units.holding });
    expect(configured.body).toMatchObject({ unitId: units.holding, name: '区委组织部（待分配）', configured: true });

    const late = await provision('late@contoso.example');
    expect(await member(late)).toMatchObject({ unitId: units.holding, awaitingPlacement: { since: expect.any(String) } });
    const list = await waiting();
    expect(list.items.map((item) => [item.member.memberId, item.department, item.unit.unitId])).toEqual(
      expect.arrayContaining([
        [early, 'Strategy Office', units.root],
        [late, undefined, units.holding],
      ]),
    );
  });

  it('places by unit code and by a unit name used once, without any mapping', async () => {
    expect(await member(await provision('code@contoso.example', 'QJYJ'))).toMatchObject({ unitId: units.education });
    const byName = await member(await provision('name@contoso.example', '区科技局'));
    expect(byName).toMatchObject({ unitId: units.science });
    expect(byName.awaitingPlacement).toBeUndefined();
  });

  it('a department mapping places the members waiting with that department, and later ones directly', async () => {
    const first = await provision('rd1@contoso.example', 'Research & Development', 'Lin Tao');
    const second = await provision('rd2@contoso.example', 'Research & Development', 'Zhou Min');
    expect(await member(first)).toMatchObject({ unitId: units.holding, awaitingPlacement: { department: 'Research & Development' } });

    const saved = await service.http.put('/placement/department-mappings').set(auth(admin)).send({ department: 'research & development', unitId: units.science });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ mapping: { department: 'research & development', unitId: units.science }, placed: 2 });
    for (const id of [first, second]) expect(await member(id)).toMatchObject({ unitId: units.science, history: [{ unitId: units.holding }] });
    expect((await waiting()).items.map((item) => item.member.memberId)).not.toEqual(expect.arrayContaining([first]));
    await eventually(async () => expect(events.about((p) => (p.member as { memberId?: string })?.memberId === first).map((e) => e.type)).toEqual(['org.member.enrolled', 'org.member.transferred']));

    const later = await provision('rd3@contoso.example', 'Research  &  Development');
    expect(await member(later)).toMatchObject({ unitId: units.science });

    const mappings = await service.http.get('/placement/department-mappings').set(auth(admin));
    expect(mappings.body).toEqual([{ id: saved.body.mapping.id, department: 'research & development', unitId: units.science, unitName: '区科技局', unitCode: 'QKJJ' }]);
    expect((await service.http.put('/placement/department-mappings').set(auth(admin)).send({ department: '  ', unitId: units.science })).status).toBe(400);
    expect((await service.http.put('/placement/department-mappings').set(auth(admin)).send({ department: 'Closed Office', unitId: units.closed })).status).toBe(409);
  });

  it('an admin places a waiting member, remembering the department for the others, and the next sync keeps the placement', async () => {
    const first = await provision('hr1@contoso.example', 'Human Resources');
    const second = await provision('hr2@contoso.example', 'Human Resources');
    const placed = await service.http.post(`/placement/waiting/${first}`).set(auth(admin)).send({ unitId: units.education, rememberDepartment: true });
    expect(placed.status).toBe(200);
    expect(placed.body).toMatchObject({ member: { memberId: first, unitId: units.education }, mapping: { department: 'Human Resources', unitId: units.education }, alsoPlaced: 1 });
    expect(await member(second)).toMatchObject({ unitId: units.education });

    const resync = await service.http
      .put(`/scim/v2/Users/${first}`)
      .set(auth(hr))
      .send({ schemas: [USER_SCHEMA, ENTERPRISE], userName: 'hr1@contoso.example', displayName: '林涛', active: true, [ENTERPRISE]: { department: 'Human Resources' } });
    expect(resync.status).toBe(200);
    expect(await member(first)).toMatchObject({ unitId: units.education });
    expect((await service.http.post(`/placement/waiting/${first}`).set(auth(admin)).send({ unitId: units.science })).status).toBe(409);
  });

  it('an admin’s placement survives the next sync; a placed member whose department changes to an unknown one stays put, listed for review', async () => {
    const id = await provision('strategy@contoso.example', 'Strategy');
    expect((await service.http.post(`/placement/waiting/${id}`).set(auth(admin)).send({ unitId: units.science })).status).toBe(200);
    const resync = await service.http
      .patch(`/scim/v2/Users/${id}`)
      .set(auth(hr))
      .send({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'title', value: '科员' }] });
    expect(resync.status).toBe(200);
    expect(await member(id)).toMatchObject({ unitId: units.science, posts: ['科员'] });
    expect((await member(id)).awaitingPlacement).toBeUndefined();

    const moved = await service.http
      .patch(`/scim/v2/Users/${id}`)
      .set(auth(hr))
      .send({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Innovation Lab' }] });
    expect(moved.status).toBe(200);
    expect(await member(id)).toMatchObject({ unitId: units.science, awaitingPlacement: { department: 'Innovation Lab' } });
    expect((await waiting()).items.find((item) => item.member.memberId === id)).toMatchObject({ department: 'Innovation Lab', unit: { unitId: units.science } });
  });

  it('a waiting member an admin transfers through the members API is placed too', async () => {
    const id = await provision('transferred@contoso.example', 'Logistics');
    const moved = await service.http.post(`/members/${id}/transfer`).set(auth(admin)).send({ toUnitId: units.science });
    expect(moved.status).toBe(200);
    expect(moved.body.awaitingPlacement).toBeUndefined();
    expect((await waiting()).items.map((item) => item.member.memberId)).not.toContain(id);
  });

  it('refuses what cannot be done, and shows another district nothing', async () => {
    const id = await provision('nowhere@contoso.example', 'Nowhere');
    expect((await service.http.post(`/placement/waiting/${id}`).set(auth(admin)).send({ unitId: units.closed })).status).toBe(409);
    expect((await service.http.post(`/placement/waiting/${id}`).set(auth(admin)).send({})).status).toBe(400);
    const departmentless = await provision('departmentless@contoso.example');
    const remember = await service.http.post(`/placement/waiting/${departmentless}`).set(auth(admin)).send({ unitId: units.science, rememberDepartment: true });
    expect(remember.status).toBe(400);
    expect(await member(departmentless)).toMatchObject({ unitId: units.holding });

    const stranger = await service.tokenFor({ district: `d-${randomUUID()}`, roles: ['district-admin'] });
    expect(await waiting(stranger)).toMatchObject({ items: [], total: 0 });
    expect((await service.http.post(`/placement/waiting/${id}`).set(auth(stranger)).send({ unitId: units.science })).status).toBe(404);
    expect(await service.http.get('/placement/department-mappings').set(auth(stranger))).toMatchObject({ body: [] });

    const [mapping] = (await service.http.get('/placement/department-mappings').set(auth(admin))).body as { id: string }[];
    expect((await service.http.delete(`/placement/department-mappings/${mapping.id}`).set(auth(stranger))).status).toBe(404);
    expect((await service.http.delete(`/placement/department-mappings/${mapping.id}`).set(auth(admin))).status).toBe(204);
    expect((await service.http.delete(`/placement/department-mappings/${mapping.id}`).set(auth(admin))).status).toBe(404);
  });
});
