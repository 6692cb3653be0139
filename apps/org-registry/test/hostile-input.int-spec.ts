import { randomUUID } from 'node:crypto';
import { auth, startOrgRegistry, TestApp } from './org-test-kit';

describe('org-registry: hostile input answers 4xx and stores nothing', () => {
  const district = `d-${randomUUID()}`;
  let service: TestApp;
  let admin: string;
  let rootId: string;
  let memberId: string;

  beforeAll(async () => {
    service = await startOrgRegistry('org_hostile', { HTTP_BODY_LIMIT_MB: '1' });
    admin = await service.tokenFor({ district, roles: ['district-admin'] });
    const root = await service.http.post('/units').set(auth(admin)).send({ name: '区委', kind: 'district-committee', code: 'QW' });
    rootId = root.body.unitId;
    const member = await service.http.post('/members').set(auth(admin)).send({ name: '张伟', unitId: rootId });
    memberId = member.body.memberId;
  });

  afterAll(async () => {
    await service?.app.close();
  });

  it('refuses a lone surrogate in a member’s email with a 400 naming the field, on enrolment and on update', async () => {
    const enrolled = await service.http.post('/members').set(auth(admin)).send({ name: '李娜', unitId: rootId, contacts: { email: 'li\ud800@example.org' } });
    expect(enrolled.status).toBe(400);
    expect(JSON.stringify(enrolled.body)).toContain('contacts.email');
    const updated = await service.http.patch(`/members/${memberId}`).set(auth(admin)).send({ contacts: { email: 'zhang\udc00@example.org' } });
    expect(updated.status).toBe(400);
    const members = await service.http.get('/members').set(auth(admin));
    expect((members.body.items as { name: string }[]).map((m) => m.name)).toEqual(['张伟']);
  });

  it('answers 409 when a unit is renamed to a code another unit of the district has', async () => {
    const other = await service.http.post('/units').set(auth(admin)).send({ name: '盈口乡', kind: 'township', parentId: rootId, code: 'XZ-YK' });
    const collision = await service.http.patch(`/units/${other.body.unitId}`).set(auth(admin)).send({ code: 'QW' });
    expect(collision.status).toBe(409);
    expect(collision.body.code).toBe('unit.code-taken');
    expect((await service.http.get(`/units/${other.body.unitId}`).set(auth(admin))).body.code).toBe('XZ-YK');
  });

  it('refuses a system without a name, and OpenAPI marks the required fields so', async () => {
    const empty = await service.http.post('/systems').set(auth(admin)).send({});
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('name');
    const document = (await service.http.get('/docs/openapi.json')).body as { components: { schemas: Record<string, { required?: string[]; properties: Record<string, { maxLength?: number }> }> } };
    expect(document.components.schemas.CreateSystemDto.required).toEqual(['name']);
    expect(document.components.schemas.EnrolMemberDto.required?.sort()).toEqual(['name', 'unitId']);
    expect(document.components.schemas.UpdateSystemDto.required ?? []).toEqual([]);
    expect(document.components.schemas.CreateUnitDto.properties.name.maxLength).toBe(200);
  });

  it('refuses bidi and zero-width marks in names and codes, keeps Chinese and mixed scripts, and stores names in NFC', async () => {
    for (const name of ['盈口乡\u202Eexe.txt', '城\u200B北', '\u0000']) {
      const response = await service.http.post('/units').set(auth(admin)).send({ name, kind: 'township', parentId: rootId });
      expect(response.status).toBe(400);
    }
    const created = await service.http.post('/units').set(auth(admin)).send({ name: 'Cafe\u0301 城中 Chengzhong', kind: 'sub-district', parentId: rootId });
    expect(created.status).toBe(201);
    expect((await service.http.get(`/units/${created.body.unitId}`).set(auth(admin))).body.name).toBe('Café 城中 Chengzhong');
  });

  it('answers a body over HTTP_BODY_LIMIT_MB with 413 and its reason, in the platform’s error shape', async () => {
    const response = await service.http.post('/units').set(auth(admin)).send({ name: '大'.repeat(1024 * 1024), kind: 'township', parentId: rootId });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ statusCode: 413, code: 'payload-too-large', message: 'the request body is larger than 1 MB (HTTP_BODY_LIMIT_MB)' });
  });

  it('holds post titles and department mappings to the text policy: no NUL, bidi or zero-width marks; Chinese and mixed scripts kept', async () => {
    for (const title of ['支部\u202E书记', '书\u200B记', 'nul\u0000']) {
      expect((await service.http.put(`/post-dictionary/entries/${encodeURIComponent(title)}`).set(auth(admin)).send({ role: 'secretary' })).status).toBe(400);
    }
    expect((await service.http.put(`/post-dictionary/entries/${encodeURIComponent('党支部 Secretary 书记')}`).set(auth(admin)).send({ role: 'secretary' })).status).toBe(200);
    const entries = (await service.http.get('/post-dictionary').set(auth(admin))).body as unknown;
    expect(JSON.stringify(entries)).not.toMatch(/\\u202e|\\u200b|\u202E|\u200B/i);
    for (const department of ['研发\u200D部', 'R&D\u2067', 'x'.repeat(201)]) {
      expect((await service.http.put('/placement/department-mappings').set(auth(admin)).send({ department, unitId: rootId })).status).toBe(400);
    }
    expect((await service.http.put('/placement/holding-unit').set(auth(admin)).send({ unitId: `${rootId}\u200B` })).status).toBe(400);
    expect((await service.http.put('/placement/department-mappings').set(auth(admin)).send({ department: 'Research & Development 研发部', unitId: rootId })).status).toBe(200);
    const mappings = (await service.http.get('/placement/department-mappings').set(auth(admin))).body as { department: string }[];
    expect(mappings.map((mapping) => mapping.department)).toEqual(['Research & Development 研发部']);
  });

  it('refuses import-mapping names that are paths, operators or too long, and column names of a megabyte', async () => {
    const mapping = { format: 'csv', columns: { externalId: '工号', name: '姓名', unit: '单位编码' } };
    for (const name of ['..%2F..%2F..%2Fetc%2Fpasswd', encodeURIComponent('{"$gt":""}'), 'm'.repeat(6000)]) {
      expect((await service.http.put(`/import/mappings/${name}`).set(auth(admin)).send(mapping)).status).toBe(400);
    }
    expect((await service.http.put('/import/mappings/hr').set(auth(admin)).send({ ...mapping, columns: { ...mapping.columns, name: '名'.repeat(1024 * 256) } })).status).toBe(400);
    expect((await service.http.put('/import/mappings/hr-月报').set(auth(admin)).send(mapping)).status).toBe(200);
    expect((await service.http.get('/import/mappings').set(auth(admin))).body.map((saved: { name: string }) => saved.name)).toEqual(['hr-月报']);
  });
});
