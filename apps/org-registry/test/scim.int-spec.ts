import { randomUUID } from 'node:crypto';
import { eventually } from '@campaign/testing';
import { auth, EventRecorder, startOrgRegistry, TestApp } from './org-test-kit';

const SCIM = 'application/scim+json';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** Request bodies as Microsoft Entra ID and Okta provisioning send them (from their published SCIM validator traces). */
const entraCreateUser = (userName: string, department: string) => ({
  schemas: [USER_SCHEMA, ENTERPRISE],
  externalId: `entra-${userName}`,
  userName,
  active: true,
  displayName: '陈静',
  emails: [{ primary: true, type: 'work', value: userName }],
  meta: { resourceType: 'User' },
  name: { formatted: '陈静', familyName: '陈', givenName: '静' },
  title: '书记',
  [ENTERPRISE]: { department },
});

describe('org-registry: SCIM 2.0 provisioning', () => {
  const district = `d-${randomUUID()}`;
  let service: TestApp;
  let events: EventRecorder;
  let hr: string;
  let rootId: string;
  let townId: string;

  beforeAll(async () => {
    service = await startOrgRegistry('org_scim');
    events = await EventRecorder.start(district);
    hr = await service.tokenFor({ district, roles: ['hr-sync'] });
    const admin = await service.tokenFor({ district, roles: ['district-admin'] });
    rootId = (await service.http.post('/units').set(auth(admin)).send({ name: '区委', kind: 'district-committee', code: 'QW' })).body.unitId;
    townId = (await service.http.post('/units').set(auth(admin)).send({ name: '黄金坳镇', kind: 'town', parentId: rootId, code: 'XZ-HJA' })).body.unitId;
  });

  afterAll(async () => {
    await events?.stop();
    await service?.app.close();
  });

  it('serves the discovery endpoints', async () => {
    const config = await service.http.get('/scim/v2/ServiceProviderConfig').set(auth(hr));
    expect(config.status).toBe(200);
    expect(config.body).toMatchObject({ patch: { supported: true }, filter: { supported: true }, etag: { supported: true }, bulk: { supported: false } });
    expect(config.body.authenticationSchemes[0].type).toBe('oauthbearertoken');
    const types = await service.http.get('/scim/v2/ResourceTypes').set(auth(hr));
    expect(types.body.Resources.map((r: { name: string }) => r.name).sort()).toEqual(['Group', 'User']);
    const schemas = await service.http.get('/scim/v2/Schemas').set(auth(hr));
    expect(schemas.body.Resources.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([USER_SCHEMA, ENTERPRISE]));
  });

  it('refuses requests without an hr-sync token of the district', async () => {
    expect((await service.http.get('/scim/v2/Users')).status).toBe(401);
    const admin = await service.tokenFor({ district, roles: ['district-admin'] });
    expect((await service.http.get('/scim/v2/Users').set(auth(admin))).status).toBe(403);
  });

  it('handles the Entra sequence: existence check by filter, create, get with ETag, PATCH with "Replace" and "False"', async () => {
    const userName = 'chenjing@hjz.example.org';
    const missing = await service.http.get(`/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`).set(auth(hr));
    expect(missing.body).toMatchObject({ totalResults: 0, Resources: [] });

    const created = await service.http.post('/scim/v2/Users').set(auth(hr)).set('Content-Type', SCIM).send(JSON.stringify(entraCreateUser(userName, 'XZ-HJA')));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ userName, active: true, externalId: `entra-${userName}`, [ENTERPRISE]: { department: 'XZ-HJA' } });
    const id = created.body.id as string;
    expect((await service.http.post('/scim/v2/Users').set(auth(hr)).send(entraCreateUser(userName, 'XZ-HJA'))).status).toBe(409);

    const found = await service.http.get(`/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`).set(auth(hr));
    expect(found.body).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(found.body.Resources[0].id).toBe(id);

    const fetched = await service.http.get(`/scim/v2/Users/${id}`).set(auth(hr));
    expect(fetched.headers['etag']).toBe('W/"1"');
    expect((await service.http.get(`/scim/v2/Users/${id}`).set(auth(hr)).set('If-None-Match', 'W/"1"')).status).toBe(304);

    const stale = await service.http.patch(`/scim/v2/Users/${id}`).set(auth(hr)).set('If-Match', 'W/"7"').send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: '副书记' }] });
    expect(stale.status).toBe(412);

    const patched = await service.http
      .patch(`/scim/v2/Users/${id}`)
      .set(auth(hr))
      .set('If-Match', 'W/"1"')
      .send({
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Replace', path: 'displayName', value: '陈静怡' },
          { op: 'Replace', path: 'name.formatted', value: '陈静怡' },
          { op: 'Add', path: 'phoneNumbers[type eq "work"].value', value: '0791-1234567' },
        ],
      });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ displayName: '陈静怡', phoneNumbers: [{ value: '0791-1234567' }] });
    expect(patched.headers['etag']).toBe('W/"2"');

    const disabled = await service.http
      .patch(`/scim/v2/Users/${id}`)
      .set(auth(hr))
      .send({ schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect(disabled.status).toBe(200);
    expect(disabled.body.active).toBe(false);

    const admin = await service.tokenFor({ district, roles: ['district-admin'] });
    const member = await service.http.get(`/members/${id}`).set(auth(admin));
    expect(member.body).toMatchObject({ status: 'left', unitId: townId, name: '陈静怡', posts: ['书记'], contacts: { phone: '0791-1234567' } });

    await eventually(async () => {
      expect(events.ofType('org.member.enrolled').map((e) => (e.payload as { member: { memberId: string } }).member.memberId)).toEqual([id]);
      expect(events.ofType('org.member.updated')).toHaveLength(1);
      const [left] = events.ofType('org.member.left');
      expect(left.payload).toMatchObject({ reason: 'left', member: { memberId: id, status: 'left', revision: 3 } });
    });
  });

  it('handles Okta: PUT as a full replace, PATCH active=false to deprovision, DELETE marks left', async () => {
    const created = await service.http
      .post('/scim/v2/Users')
      .set(auth(hr))
      .send({ schemas: [USER_SCHEMA], userName: 'zhaolei@example.org', name: { givenName: '磊', familyName: '赵' }, emails: [{ primary: true, value: 'zhaolei@example.org', type: 'work' }], active: true, password: 'not-kept' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ displayName: '赵磊', [ENTERPRISE]: { department: 'QW' } });
    expect(created.body.password).toBeUndefined();
    const id = created.body.id as string;

    const replaced = await service.http
      .put(`/scim/v2/Users/${id}`)
      .set(auth(hr))
      .send({ schemas: [USER_SCHEMA, ENTERPRISE], id, userName: 'zhaolei@example.org', name: { givenName: '磊', familyName: '赵' }, active: true, emails: [{ primary: true, value: 'lei.zhao@example.org', type: 'work' }], [ENTERPRISE]: { department: '黄金坳镇' } });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ emails: [{ value: 'lei.zhao@example.org' }], [ENTERPRISE]: { department: 'XZ-HJA' } });
    await eventually(async () => expect(events.about((p) => (p.member as { memberId?: string })?.memberId === id).map((e) => e.type)).toEqual(['org.member.enrolled', 'org.member.transferred']));

    const deactivated = await service.http
      .patch(`/scim/v2/Users/${id}`)
      .set(auth(hr))
      .send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] });
    expect(deactivated.body.active).toBe(false);

    const other = await service.http.post('/scim/v2/Users').set(auth(hr)).send({ schemas: [USER_SCHEMA], userName: 'gone@example.org', name: { formatted: '孙平' } });
    expect((await service.http.delete(`/scim/v2/Users/${other.body.id}`).set(auth(hr))).status).toBe(204);
    const afterDelete = await service.http.get(`/scim/v2/Users/${other.body.id}`).set(auth(hr));
    expect(afterDelete.body.active).toBe(false);
    await eventually(async () => expect(events.about((p) => (p.member as { memberId?: string })?.memberId === other.body.id).map((e) => e.type)).toEqual(['org.member.enrolled', 'org.member.left']));

    const inactive = await service.http.get(`/scim/v2/Users?filter=${encodeURIComponent('active eq false')}&startIndex=1&count=1`).set(auth(hr));
    expect(inactive.body).toMatchObject({ totalResults: 3, itemsPerPage: 1 });
    const page2 = await service.http.get(`/scim/v2/Users?filter=${encodeURIComponent('active eq false')}&startIndex=2&count=5`).set(auth(hr));
    expect(page2.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 2 });
  });

  it('answers a bad filter and a bad value with SCIM errors', async () => {
    const badFilter = await service.http.get(`/scim/v2/Users?filter=${encodeURIComponent('nickName eq "x"')}`).set(auth(hr));
    expect(badFilter.status).toBe(400);
    expect(badFilter.body).toMatchObject({ scimType: 'invalidFilter' });
    const badDepartment = await service.http.post('/scim/v2/Users').set(auth(hr)).send({ ...entraCreateUser('x@example.org', 'NOPE') });
    expect(badDepartment.status).toBe(400);
    expect(badDepartment.body.detail).toMatch(/department/);
  });

  it('provisions groups with members, Entra-style member removal included', async () => {
    const users = await service.http.get('/scim/v2/Users').set(auth(hr));
    const [a, b] = users.body.Resources as { id: string }[];
    const group = await service.http.post('/scim/v2/Groups').set(auth(hr)).send({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: '黄金坳镇党委', externalId: 'g-1', members: [{ value: a.id }] });
    expect(group.status).toBe(201);
    const added = await service.http
      .patch(`/scim/v2/Groups/${group.body.id}`)
      .set(auth(hr))
      .send({ schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ value: b.id }] }] });
    expect(added.status).toBe(200);
    expect(added.body.members.map((m: { value: string }) => m.value).sort()).toEqual([a.id, b.id].sort());
    const removed = await service.http
      .patch(`/scim/v2/Groups/${group.body.id}`)
      .set(auth(hr))
      .send({ schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: 'members', value: [{ value: a.id }] }] });
    expect([200, 204]).toContain(removed.status);
    const fetched = await service.http.get(`/scim/v2/Groups?filter=${encodeURIComponent('displayName eq "黄金坳镇党委"')}`).set(auth(hr));
    expect(fetched.body.Resources[0].members.map((m: { value: string }) => m.value)).toEqual([b.id]);
  });

  it('another district’s hr-sync token sees none of these users', async () => {
    const stranger = await service.tokenFor({ district: `d-${randomUUID()}`, roles: ['hr-sync'] });
    const users = await service.http.get('/scim/v2/Users').set(auth(hr));
    const list = await service.http.get('/scim/v2/Users').set(auth(stranger));
    expect(list.body.totalResults).toBe(0);
    expect((await service.http.get(`/scim/v2/Users/${users.body.Resources[0].id}`).set(auth(stranger))).status).toBe(404);
  });
});
