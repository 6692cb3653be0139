import { randomUUID } from 'node:crypto';
import { getModelToken } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { eventually } from '@campaign/testing';
import { MEMBER, MemberDocument } from '../src/members/member.schema';
import { MembersService } from '../src/members/members.service';
import { auth, EventRecorder, startOrgRegistry, TestApp } from './org-test-kit';

const SCIM = 'application/scim+json';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

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

const filtered = (path: string, filter: string, extra = '') => `/scim/v2/${path}?filter=${encodeURIComponent(filter)}${extra}`;
const patchOf = (...Operations: Record<string, unknown>[]) => ({ schemas: [PATCH_OP], Operations });

describe('org-registry: SCIM 2.0 provisioning', () => {
  const district = `d-${randomUUID()}`;
  let service: TestApp;
  let events: EventRecorder;
  let hr: string;
  let admin: string;
  let rootId: string;
  let townId: string;

  const createUser = async (body: Record<string, unknown>) => {
    const created = await service.http.post('/scim/v2/Users').set(auth(hr)).set('Content-Type', SCIM).send(JSON.stringify({ schemas: [USER_SCHEMA], ...body }));
    expect(created.status).toBe(201);
    return created.body as Record<string, unknown> & { id: string };
  };
  const patchUser = (id: string, ...operations: Record<string, unknown>[]) => service.http.patch(`/scim/v2/Users/${id}`).set(auth(hr)).send(patchOf(...operations));
  const memberOf = async (id: string) => (await service.http.get(`/members/${id}`).set(auth(admin))).body;

  beforeAll(async () => {
    service = await startOrgRegistry('org_scim');
    events = await EventRecorder.start(district);
    hr = await service.tokenFor({ district, roles: ['hr-sync'] });
    admin = await service.tokenFor({ district, roles: ['district-admin'] });
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
    expect(config.body).toMatchObject({ patch: { supported: true }, filter: { supported: true, maxResults: 200 }, etag: { supported: true }, bulk: { supported: false } });
    expect(config.body.authenticationSchemes[0].type).toBe('oauthbearertoken');
    const types = await service.http.get('/scim/v2/ResourceTypes').set(auth(hr));
    expect(types.body.Resources.map((r: { name: string }) => r.name).sort()).toEqual(['Group', 'User']);
    const schemas = await service.http.get('/scim/v2/Schemas').set(auth(hr));
    expect(schemas.body.Resources.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([USER_SCHEMA, ENTERPRISE]));
  });

  it('refuses requests without an hr-sync token of the district', async () => {
    const anonymous = await service.http.get('/scim/v2/Users');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ schemas: [ERROR], status: '401' });
    expect((await service.http.get('/scim/v2/Users').set(auth(admin))).status).toBe(403);
  });

  it('handles the Entra sequence: existence check by filter, create, get with ETag, PATCH with "Replace" and "False"', async () => {
    const userName = 'chenjing@hjz.example.org';
    const missing = await service.http.get(filtered('Users', `userName eq "${userName}"`)).set(auth(hr));
    expect(missing.body).toMatchObject({ totalResults: 0, Resources: [] });

    const created = await service.http.post('/scim/v2/Users').set(auth(hr)).set('Content-Type', SCIM).send(JSON.stringify(entraCreateUser(userName, 'XZ-HJA')));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ userName, active: true, externalId: `entra-${userName}`, [ENTERPRISE]: { department: 'XZ-HJA' } });
    const id = created.body.id as string;
    expect((await service.http.post('/scim/v2/Users').set(auth(hr)).send(entraCreateUser(userName, 'XZ-HJA'))).status).toBe(409);

    const found = await service.http.get(filtered('Users', `userName eq "${userName}"`)).set(auth(hr));
    expect(found.body).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(found.body.Resources[0].id).toBe(id);

    const fetched = await service.http.get(`/scim/v2/Users/${id}`).set(auth(hr));
    expect(fetched.headers['etag']).toBe('W/"1"');
    expect((await service.http.get(`/scim/v2/Users/${id}`).set(auth(hr)).set('If-None-Match', 'W/"1"')).status).toBe(304);

    const stale = await service.http.patch(`/scim/v2/Users/${id}`).set(auth(hr)).set('If-Match', 'W/"7"').send(patchOf({ op: 'replace', path: 'title', value: '副书记' }));
    expect(stale.status).toBe(412);

    const patched = await service.http
      .patch(`/scim/v2/Users/${id}`)
      .set(auth(hr))
      .set('If-Match', 'W/"1"')
      .send(
        patchOf(
          { op: 'Replace', path: 'displayName', value: '陈静怡' },
          { op: 'Replace', path: 'name.formatted', value: '陈静怡' },
          { op: 'Add', path: 'phoneNumbers[type eq "work"].value', value: '0791-1234567' },
        ),
      );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ displayName: '陈静怡', phoneNumbers: [{ value: '0791-1234567' }] });
    expect(patched.headers['etag']).toBe('W/"2"');

    const disabled = await patchUser(id, { op: 'Replace', path: 'active', value: 'False' });
    expect(disabled.status).toBe(200);
    expect(disabled.body.active).toBe(false);

    expect(await memberOf(id)).toMatchObject({ status: 'left', unitId: townId, name: '陈静怡', posts: ['书记'], contacts: { phone: '0791-1234567' } });

    await eventually(async () => {
      expect(events.ofType('org.member.enrolled').map((e) => (e.payload as { member: { memberId: string } }).member.memberId)).toContain(id);
      const [left] = events.ofType('org.member.left').filter((e) => (e.payload as { member: { memberId: string } }).member.memberId === id);
      expect(left.payload).toMatchObject({ reason: 'left', member: { memberId: id, status: 'left', revision: 3 } });
    });
  });

  it('handles Okta: PUT as a full replace, PATCH active=false to deprovision', async () => {
    const created = await createUser({ userName: 'zhaolei@example.org', name: { givenName: '磊', familyName: '赵' }, emails: [{ primary: true, value: 'zhaolei@example.org', type: 'work' }], active: true, password: 'not-kept' });
    expect(created).toMatchObject({ displayName: '赵磊' });
    expect(created.password).toBeUndefined();
    const id = created.id;

    const replaced = await service.http
      .put(`/scim/v2/Users/${id}`)
      .set(auth(hr))
      .send({ schemas: [USER_SCHEMA, ENTERPRISE], id, userName: 'zhaolei@example.org', name: { givenName: '磊', familyName: '赵' }, active: true, emails: [{ primary: true, value: 'lei.zhao@example.org', type: 'work' }], [ENTERPRISE]: { department: '黄金坳镇' } });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ emails: [{ value: 'lei.zhao@example.org' }], [ENTERPRISE]: { department: '黄金坳镇' } });
    expect(await memberOf(id)).toMatchObject({ unitId: townId, contacts: { email: 'lei.zhao@example.org' } });
    await eventually(async () => expect(events.about((p) => (p.member as { memberId?: string })?.memberId === id).map((e) => e.type)).toEqual(['org.member.enrolled', 'org.member.transferred']));

    const deactivated = await patchUser(id, { op: 'replace', value: { active: false } });
    expect(deactivated.body.active).toBe(false);
  });

  it('provisions groups with members, Entra-style member removal included', async () => {
    const a = await createUser({ userName: 'group-a@example.org', displayName: '李明' });
    const b = await createUser({ userName: 'group-b@example.org', displayName: '周红' });
    const group = await service.http.post('/scim/v2/Groups').set(auth(hr)).send({ schemas: [GROUP_SCHEMA], displayName: '黄金坳镇党委', externalId: 'g-1', members: [{ value: a.id }] });
    expect(group.status).toBe(201);
    const added = await service.http.patch(`/scim/v2/Groups/${group.body.id}`).set(auth(hr)).send(patchOf({ op: 'Add', path: 'members', value: [{ value: b.id }] }));
    expect(added.status).toBe(200);
    expect(added.body.members.map((m: { value: string }) => m.value).sort()).toEqual([a.id, b.id].sort());
    const removed = await service.http.patch(`/scim/v2/Groups/${group.body.id}`).set(auth(hr)).send(patchOf({ op: 'Remove', path: 'members', value: [{ value: a.id }] }));
    expect([200, 204]).toContain(removed.status);
    const fetched = await service.http.get(filtered('Groups', 'displayName eq "黄金坳镇党委"')).set(auth(hr));
    expect(fetched.body.Resources[0].members.map((m: { value: string }) => m.value)).toEqual([b.id]);
  });

  it('another district’s hr-sync token sees none of these users', async () => {
    const stranger = await service.tokenFor({ district: `d-${randomUUID()}`, roles: ['hr-sync'] });
    const users = await service.http.get('/scim/v2/Users').set(auth(hr));
    const list = await service.http.get('/scim/v2/Users').set(auth(stranger));
    expect(list.body.totalResults).toBe(0);
    expect((await service.http.get(`/scim/v2/Users/${users.body.Resources[0].id}`).set(auth(stranger))).status).toBe(404);
  });

  describe('the gaps identity teams found (issue 16)', () => {
    it('answers a filter that does not parse with 400 invalidFilter, never with an unfiltered list', async () => {
      for (const filter of ['userName eq', 'userName eq "a" and', '(userName eq "a"', 'userName zz "a"', 'nickName eq "x"', '']) {
        const answer = await service.http.get(filtered('Users', filter)).set(auth(hr));
        expect({ filter, status: answer.status, body: answer.body }).toMatchObject({ filter, status: 400, body: { schemas: [ERROR], status: '400', scimType: 'invalidFilter' } });
      }
      const search = await service.http.post('/scim/v2/Groups/.search').set(auth(hr)).send({ schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: 'displayName eq' });
      expect(search.status).toBe(400);
      expect(search.body.scimType).toBe('invalidFilter');
    });

    it('a deleted user is gone for SCIM, stays in the platform as left with history, and can be created again as a new user', async () => {
      const body = { userName: 'sunping@example.org', externalId: 'okta-00u1', name: { formatted: '孙平' }, [ENTERPRISE]: { department: 'XZ-HJA' } };
      const gone = await createUser(body);
      const group = await service.http.post('/scim/v2/Groups').set(auth(hr)).send({ schemas: [GROUP_SCHEMA], displayName: '离任人员', members: [{ value: gone.id }] });
      expect((await service.http.delete(`/scim/v2/Users/${gone.id}`).set(auth(hr))).status).toBe(204);

      for (const answer of [
        await service.http.get(`/scim/v2/Users/${gone.id}`).set(auth(hr)),
        await patchUser(gone.id, { op: 'replace', path: 'title', value: '委员' }),
        await service.http.put(`/scim/v2/Users/${gone.id}`).set(auth(hr)).send({ schemas: [USER_SCHEMA], ...body }),
        await service.http.delete(`/scim/v2/Users/${gone.id}`).set(auth(hr)),
      ]) {
        expect(answer.status).toBe(404);
        expect(answer.body).toMatchObject({ schemas: [ERROR], status: '404' });
      }
      expect((await service.http.get(filtered('Users', 'userName eq "sunping@example.org"')).set(auth(hr))).body.totalResults).toBe(0);
      expect((await service.http.get(filtered('Users', `id eq "${gone.id}"`)).set(auth(hr))).body.totalResults).toBe(0);
      expect((await service.http.get(`/scim/v2/Groups/${group.body.id}`).set(auth(hr))).body.members ?? []).toEqual([]);

      expect(await memberOf(gone.id)).toMatchObject({ status: 'left', unitId: townId, directoryDeletion: { userName: 'sunping@example.org', externalId: 'okta-00u1' } });
      await eventually(async () => expect(events.about((p) => (p.member as { memberId?: string })?.memberId === gone.id).map((e) => e.type)).toEqual(['org.member.enrolled', 'org.member.left']));

      const again = await createUser(body);
      expect(again.id).not.toBe(gone.id);
      expect(again).toMatchObject({ userName: 'sunping@example.org', externalId: 'okta-00u1', active: true });
      expect(await memberOf(gone.id)).toMatchObject({ status: 'left' });

      const disabledFirst = await createUser({ userName: 'disabled-first@example.org', displayName: '钱进' });
      expect((await patchUser(disabledFirst.id, { op: 'Replace', path: 'active', value: 'False' })).status).toBe(200);
      expect((await service.http.delete(`/scim/v2/Users/${disabledFirst.id}`).set(auth(hr))).status).toBe(204);
      expect((await service.http.get(`/scim/v2/Users/${disabledFirst.id}`).set(auth(hr))).status).toBe(404);
      expect(await memberOf(disabledFirst.id)).toMatchObject({ status: 'left', directoryDeletion: { userName: 'disabled-first@example.org' } });
      await eventually(async () => expect(events.about((p) => (p.member as { memberId?: string })?.memberId === disabledFirst.id).map((e) => e.type)).toEqual(['org.member.enrolled', 'org.member.left', 'org.member.updated']));
    });

    it('compares userName case-insensitively, in filters and for uniqueness', async () => {
      const ada = await createUser({ userName: 'ada@contoso.example', displayName: 'Ada Lovelace' });
      const found = await service.http.get(filtered('Users', 'userName eq "ADA@CONTOSO.EXAMPLE"')).set(auth(hr));
      expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id: ada.id, userName: 'ada@contoso.example' }] });
      const clash = await service.http.post('/scim/v2/Users').set(auth(hr)).send({ schemas: [USER_SCHEMA], userName: 'Ada@Contoso.Example', displayName: 'Ada' });
      expect(clash.status).toBe(409);
      expect(clash.body).toMatchObject({ schemas: [ERROR], scimType: 'uniqueness' });
      const other = await createUser({ userName: 'grace@contoso.example', displayName: 'Grace Hopper' });
      const renamed = await patchUser(other.id, { op: 'replace', path: 'userName', value: 'ADA@contoso.example' });
      expect(renamed.status).toBe(409);
    });

    it('gives members stored before user names were case-insensitive their lookup key when the service starts', async () => {
      const members = service.app.get<Model<MemberDocument>>(getModelToken(MEMBER));
      await members.collection.insertOne({ _id: 'legacy-member' as never, district, userName: 'Legacy.Member@XZ.example', name: '张伟', unitId: townId, unitPath: [rootId, townId], posts: [], status: 'active', contacts: {}, history: [], revision: 1 });
      await service.app.get(MembersService).onModuleInit();
      const found = await service.http.get(filtered('Users', 'userName eq "legacy.member@xz.example"')).set(auth(hr));
      expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id: 'legacy-member', userName: 'Legacy.Member@XZ.example' }] });
    });

    it('keeps the enterprise extension, its manager patched as Entra and Okta send it', async () => {
      const manager = await createUser({ userName: 'liuyang@example.org', displayName: '刘洋' });
      const created = await createUser({
        userName: 'wangwei@example.org',
        displayName: '王伟',
        schemas: [USER_SCHEMA, ENTERPRISE],
        [ENTERPRISE]: { employeeNumber: '0042', costCenter: 'CC-7', organization: '区委', division: '组织部', department: 'XZ-HJA', manager: { value: manager.id } },
      });
      const expected = { employeeNumber: '0042', costCenter: 'CC-7', organization: '区委', division: '组织部', department: 'XZ-HJA', manager: { value: manager.id, displayName: '刘洋' } };
      expect(created[ENTERPRISE]).toMatchObject(expected);
      expect((await service.http.get(`/scim/v2/Users/${created.id}`).set(auth(hr))).body[ENTERPRISE]).toMatchObject({ ...expected, manager: { $ref: expect.stringMatching(new RegExp(`^http://.+/scim/v2/Users/${manager.id}$`)) } });

      const other = await createUser({ userName: 'zhouhong@example.org', displayName: '周红' });
      const replaced = await patchUser(created.id, { op: 'Replace', path: 'manager', value: other.id });
      expect(replaced.status).toBe(200);
      expect(replaced.body[ENTERPRISE].manager).toMatchObject({ value: other.id, displayName: '周红' });
      const removed = await patchUser(created.id, { op: 'Remove', path: 'manager' });
      expect(removed.status).toBe(200);
      expect(removed.body[ENTERPRISE].manager).toBeUndefined();
      const byUrn = await patchUser(created.id, { op: 'Add', path: `${ENTERPRISE}:manager`, value: manager.id });
      expect(byUrn.body[ENTERPRISE].manager).toMatchObject({ value: manager.id, displayName: '刘洋' });
      const okta = await patchUser(created.id, { op: 'replace', value: { [ENTERPRISE]: { employeeNumber: '0043', manager: { value: other.id } } } });
      expect(okta.body[ENTERPRISE]).toMatchObject({ employeeNumber: '0043', costCenter: 'CC-7', manager: { value: other.id } });
      expect(await memberOf(created.id)).toMatchObject({ directory: { employeeNumber: '0043', costCenter: 'CC-7', manager: { value: other.id } } });
    });

    it('keeps every typed email, phone number and address, and applies filtered paths to each type', async () => {
      const created = await createUser({
        userName: 'liming@example.org',
        displayName: '李明',
        emails: [{ value: 'liming@example.org', type: 'work', primary: true }, { value: 'liming@home.example', type: 'home' }],
        phoneNumbers: [{ value: '0791-7654321', type: 'work' }, { value: '13800000001', type: 'mobile' }],
      });
      expect(created.phoneNumbers).toEqual([{ value: '0791-7654321', type: 'work' }, { value: '13800000001', type: 'mobile' }]);
      expect(created.emails).toHaveLength(2);

      const patched = await patchUser(
        created.id,
        { op: 'Add', path: 'phoneNumbers[type eq "fax"].value', value: '0791-0000000' },
        { op: 'Replace', path: 'phoneNumbers[type eq "mobile"].value', value: '13900000002' },
        { op: 'Add', path: 'addresses[type eq "work"].streetAddress', value: '解放路1号' },
        { op: 'Add', path: 'addresses[type eq "work"].locality', value: '黄金坳镇' },
        { op: 'Add', path: 'addresses[type eq "work"].postalCode', value: '341000' },
      );
      expect(patched.status).toBe(200);
      expect(patched.body.phoneNumbers).toEqual([
        { value: '0791-7654321', type: 'work' },
        { value: '13900000002', type: 'mobile' },
        { value: '0791-0000000', type: 'fax' },
      ]);
      expect(patched.body.addresses).toEqual([{ type: 'work', streetAddress: '解放路1号', locality: '黄金坳镇', postalCode: '341000' }]);

      const removed = await patchUser(created.id, { op: 'Remove', path: 'emails[type eq "home"]' });
      expect(removed.body.emails).toEqual([{ value: 'liming@example.org', type: 'work', primary: true }]);
      expect(await memberOf(created.id)).toMatchObject({ contacts: { email: 'liming@example.org', phone: '0791-7654321' } });
    });

    it('persists a replaced displayName, with a path and without, in SCIM and in /members', async () => {
      const created = await createUser({ userName: 'heping@example.org', displayName: '何平', name: { formatted: '何平', familyName: '何', givenName: '平' } });
      const withPath = await patchUser(created.id, { op: 'Replace', path: 'displayName', value: '何平安' });
      expect(withPath.status).toBe(200);
      expect(withPath.body.displayName).toBe('何平安');
      expect((await memberOf(created.id)).name).toBe('何平安');
      const withoutPath = await patchUser(created.id, { op: 'replace', value: { displayName: '何平静' } });
      expect(withoutPath.status).toBe(200);
      expect((await service.http.get(`/scim/v2/Users/${created.id}`).set(auth(hr))).body.displayName).toBe('何平静');
      expect((await memberOf(created.id)).name).toBe('何平静');
    });

    it('honours attributes and excludedAttributes on lists as on a single resource', async () => {
      const users = await service.http.get('/scim/v2/Users?attributes=userName&count=5').set(auth(hr));
      expect(users.status).toBe(200);
      for (const user of users.body.Resources) expect(Object.keys(user).sort()).toEqual(['id', 'userName']);
      const group = await service.http.post('/scim/v2/Groups').set(auth(hr)).send({ schemas: [GROUP_SCHEMA], displayName: '区委组织部', members: [{ value: users.body.Resources[0].id }] });
      const groups = await service.http.get(filtered('Groups', 'displayName eq "区委组织部"', '&excludedAttributes=members')).set(auth(hr));
      expect(groups.body.Resources).toEqual([expect.objectContaining({ id: group.body.id, displayName: '区委组织部' })]);
      expect(groups.body.Resources[0].members).toBeUndefined();
      const search = await service.http.post('/scim/v2/Users/.search').set(auth(hr)).send({ schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], attributes: ['displayName'], count: 2 });
      for (const user of search.body.Resources) expect(Object.keys(user).sort()).toEqual(['displayName', 'id']);
    });

    it('answers count=0 with the total alone, and caps count at the advertised maxResults', async () => {
      const counted = await service.http.get('/scim/v2/Users?count=0').set(auth(hr));
      expect(counted.status).toBe(200);
      expect(Object.keys(counted.body).sort()).toEqual(['schemas', 'totalResults']);
      expect(counted.body.totalResults).toBeGreaterThan(5);

      const crowded = `d-${randomUUID()}`;
      const members = service.app.get<Model<MemberDocument>>(getModelToken(MEMBER));
      await members.insertMany(
        Array.from({ length: 205 }, (_, i) => ({ _id: `m-${i}`, district: crowded, name: `党员${i}`, userName: `u${i}@example.org`, userNameKey: `u${i}@example.org`, unitId: 'u', unitPath: ['u'], status: 'active', revision: 1 })),
      );
      const capped = await service.http.get('/scim/v2/Users?count=1000').set(auth(await service.tokenFor({ district: crowded, roles: ['hr-sync'] })));
      expect(capped.body).toMatchObject({ totalResults: 205, startIndex: 1, itemsPerPage: 200 });
      expect(capped.body.Resources).toHaveLength(200);
    });

    it('answers every error in SCIM’s shape and media type, in the caller’s language', async () => {
      const malformed = await service.http.post('/scim/v2/Users').set(auth(hr)).set('Content-Type', 'application/json').send('{"userName": ');
      const malformedScim = await service.http.post('/scim/v2/Users').set(auth(hr)).set('Content-Type', SCIM).set('Accept-Language', 'en').send('{"userName": ');
      const oversized = await service.http.post('/scim/v2/Users').set(auth(hr)).set('Content-Type', SCIM).send(JSON.stringify({ userName: 'x', title: 'x'.repeat(11 * 1024 * 1024) }));
      const unknown = await service.http.get('/scim/v2/Users/no-such-user').set(auth(hr));
      const noName = await service.http.post('/scim/v2/Users').set(auth(hr)).send({ schemas: [USER_SCHEMA], userName: 'nameless@example.org' });
      for (const [answer, status, scimType] of [
        [malformed, 400, 'invalidSyntax'],
        [malformedScim, 400, 'invalidSyntax'],
        [oversized, 413, undefined],
        [unknown, 404, undefined],
        [noName, 400, 'invalidValue'],
      ] as const) {
        expect(answer.status).toBe(status);
        expect(answer.headers['content-type']).toMatch(/^application\/scim\+json/);
        expect(answer.body).toEqual({ schemas: [ERROR], status: String(status), detail: expect.any(String), ...(scimType ? { scimType } : {}) });
      }
      expect(malformed.body.detail).toMatch(/JSON/);
      expect(malformedScim.body.detail).toMatch(/^the request body is not valid JSON/);
      expect(noName.body.detail).toMatch(/displayName/);
      expect(unknown.body.detail).toBe('资源 no-such-user 不存在');
    });

    it('answers a create with Location and an absolute meta.location on the public URL the proxy forwards', async () => {
      const created = await service.http
        .post('/scim/v2/Users')
        .set(auth(hr))
        .set('X-Forwarded-Proto', 'https')
        .set('X-Forwarded-Host', 'org.xz.example.gov.cn')
        .send({ schemas: [USER_SCHEMA], userName: 'located@example.org', displayName: '吴芳' });
      expect(created.status).toBe(201);
      const location = `https://org.xz.example.gov.cn/scim/v2/Users/${created.body.id}`;
      expect(created.headers['location']).toBe(location);
      expect(created.body.meta.location).toBe(location);
      const own = await service.http.get(`/scim/v2/Users/${created.body.id}`).set(auth(hr));
      expect(own.body.meta.location).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/scim/v2/Users/${created.body.id}$`));
      const group = await service.http.post('/scim/v2/Groups').set(auth(hr)).set('Forwarded', 'for=10.0.0.9;proto=https;host=org.xz.example.gov.cn').send({ schemas: [GROUP_SCHEMA], displayName: '城北街道党工委' });
      expect(group.headers['location']).toBe(`https://org.xz.example.gov.cn/scim/v2/Groups/${group.body.id}`);
    });

    it('never refuses a department that names no unit: the new member waits in the holding unit, listed for an admin', async () => {
      const created = await createUser({ userName: 'rd@contoso.example', displayName: 'Lin Tao', schemas: [USER_SCHEMA, ENTERPRISE], [ENTERPRISE]: { department: 'Research & Development' } });
      expect(created[ENTERPRISE]).toMatchObject({ department: 'Research & Development' });
      expect(await memberOf(created.id)).toMatchObject({ unitId: rootId, awaitingPlacement: { department: 'Research & Development' } });
      const waiting = await service.http.get('/placement/waiting').set(auth(admin));
      expect(waiting.body.items.map((item: { member: { memberId: string } }) => item.member.memberId)).toContain(created.id);
    });
  });

  describe('the text policy (issue 17)', () => {
    const refusedInScimShape = (answer: { status: number; body: unknown; headers: Record<string, string> }, attribute: string) => {
      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(answer.body).toEqual({ schemas: [ERROR], status: '400', scimType: 'invalidValue', detail: expect.stringContaining(attribute) });
    };
    const usersNamed = async (userName: string) => (await service.http.get(filtered('Users', `userName eq "${userName}"`)).set(auth(hr))).body.totalResults;

    it('refuses NUL and lone surrogates anywhere in a body, bidi and zero-width marks in identifiers, names and e-mails, and stores nothing', async () => {
      const user = { schemas: [USER_SCHEMA], userName: 'policy@example.org', displayName: '赵磊', emails: [{ value: 'policy@example.org', type: 'work' }] };
      const refused: [Record<string, unknown>, string][] = [
        [{ ...user, title: '书记\u0000' }, 'title'],
        [{ ...user, name: { familyName: '\ud800' } }, 'name.familyName'],
        [{ ...user, userName: 'policy\u202E@example.org' }, 'userName'],
        [{ ...user, externalId: 'hr-\u200B42' }, 'externalId'],
        [{ ...user, displayName: '赵\u200D磊' }, 'displayName'],
        [{ ...user, name: { givenName: '磊\u2066', familyName: '赵' } }, 'name.givenName'],
        [{ ...user, emails: [{ value: 'policy@exam\u200Bple.org', type: 'work' }] }, 'emails[0].value'],
      ];
      for (const [body, attribute] of refused) {
        refusedInScimShape(await service.http.post('/scim/v2/Users').set(auth(hr)).set('Content-Type', SCIM).send(JSON.stringify(body)), attribute);
      }
      expect(await usersNamed('policy@example.org')).toBe(0);
      const created = await createUser({ userName: 'policy@example.org', displayName: '赵磊' });
      refusedInScimShape(await patchUser(created.id, { op: 'replace', path: 'displayName', value: '赵\u202E磊' }), 'displayName');
      refusedInScimShape(await service.http.put(`/scim/v2/Users/${created.id}`).set(auth(hr)).send({ ...user, displayName: '\uFEFF赵磊' }), 'displayName');
      expect((await memberOf(created.id)).name).toBe('赵磊');
      refusedInScimShape(await service.http.post('/scim/v2/Groups').set(auth(hr)).send({ schemas: [GROUP_SCHEMA], displayName: '党员\u200B组' }), 'displayName');
      expect((await service.http.get(filtered('Groups', 'displayName eq "党员组"')).set(auth(hr))).body.totalResults).toBe(0);
    });

    it('welcomes Chinese names and mixed scripts, stored in NFC', async () => {
      const created = await createUser({ userName: 'mixed@example.org', displayName: 'Zoe\u0308 欧阳娜娜 Nazarbayeva', name: { familyName: '欧阳', givenName: '娜娜' } });
      expect(created.displayName).toBe('Zoë 欧阳娜娜 Nazarbayeva');
      expect((await memberOf(created.id)).name).toBe('Zoë 欧阳娜娜 Nazarbayeva');
      const group = await service.http.post('/scim/v2/Groups').set(auth(hr)).send({ schemas: [GROUP_SCHEMA], displayName: '教育系统 Education 党员' });
      expect(group.status).toBe(201);
    });
  });
});
