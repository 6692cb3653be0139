import { randomUUID } from 'node:crypto';
import { auth, startOrgRegistry, TestApp } from './org-test-kit';

// Loading a whole district twice on a store shared with other suites takes longer than jest's default.
jest.setTimeout(150_000);

describe('org-registry: demo seed of the source document’s district', () => {
  const district = `d-${randomUUID()}`;
  let service: TestApp;
  let admin: string;

  beforeAll(async () => {
    service = await startOrgRegistry('org_seed');
    admin = await service.tokenFor({ district, roles: ['district-admin'] });
  });

  afterAll(async () => {
    await service?.app.close();
  });

  it('loads the district through the service, and loading it again changes nothing', async () => {
    const first = await service.http.post('/admin/seed/demo').set(auth(admin));
    expect(first.status).toBe(200);
    expect(first.body.members).toMatchObject({ rejected: 0, updated: 0 });
    expect(first.body.members.created).toBeGreaterThan(300);
    const { unitIds } = first.body as { unitIds: Record<string, string> };

    const schools = await service.http.get(`/units?subtreeOf=${unitIds['JG-JYJ']}&kind=school&limit=100`).set(auth(admin));
    expect(schools.body.total).toBe(31);
    const bureau = await service.http.get(`/members?subtreeOf=${unitIds['JG-JYJ']}&limit=500`).set(auth(admin));
    expect(bureau.body.items.filter((m: { unitId: string }) => m.unitId === unitIds['JG-JYJ'])).toHaveLength(42);
    const townships = await service.http.get(`/units?kind=township&limit=10`).set(auth(admin));
    expect(townships.body.items.map((u: { name: string }) => u.name).sort()).toEqual(['盈口乡', '杨村乡', '芦坪乡', '贺家田乡'].sort());

    const systems = await service.http.get('/systems').set(auth(admin));
    const education = systems.body.find((s: { code: string }) => s.code === 'education');
    expect(education).toMatchObject({ leadUnitId: unitIds['JG-JYJ'] });
    expect(education.unitIds).toHaveLength(32);

    const organGroups = await service.http.get(`/units/${unitIds['JG-JGGW']}/leading-groups`).set(auth(admin));
    expect(organGroups.body[0].members.filter((seat: { role: string }) => seat.role === 'deputy')).toHaveLength(4);

    const second = await service.http.post('/admin/seed/demo').set(auth(admin));
    expect(second.body.units.created).toBe(0);
    expect(second.body.members).toMatchObject({ created: 0, updated: 0, moved: 0, unchanged: first.body.members.created });
    expect(second.body.unitIds).toEqual(unitIds);
  });

  it('is for district admins only', async () => {
    const unitAdmin = await service.tokenFor({ district, roles: ['unit-admin'], units: ['x'] });
    expect((await service.http.post('/admin/seed/demo').set(auth(unitAdmin))).status).toBe(403);
  });
});
