import { randomUUID } from 'node:crypto';
import { eventually } from '@campaign/testing';
import { auth, EventRecorder, startOrgRegistry, TestApp } from '../../test/org-test-kit';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const PUBLIC_BASE_URL = 'https://org.xz.example.gov.cn';

type Answer = { status: number; body: Record<string, unknown> & { id?: string; totalResults?: number; Resources?: Record<string, unknown>[] }; headers: Record<string, string> };

/**
 * Replays a whole provisioning cycle as Microsoft Entra ID and as Okta send it, call by call in their order (from their
 * published SCIM guides and validator traces), and checks the platform's state and events after each client's cycle.
 */
describe('SCIM interoperability: the provisioning cycles of Entra ID and Okta', () => {
  const district = `d-${randomUUID()}`;
  let service: TestApp;
  let events: EventRecorder;
  let hr: string;
  let admin: string;
  const units: Record<string, string> = {};

  /** Both clients send `application/scim+json` and read the same; Entra sends its JSON exactly as written here. */
  const call = async (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, body?: unknown): Promise<Answer> => {
    let request = service.http[method](`/scim/v2${path}`).set(auth(hr)).set('Accept', 'application/scim+json');
    if (body !== undefined) request = request.set('Content-Type', 'application/scim+json; charset=utf-8').send(JSON.stringify(body));
    const answer = await request;
    if (answer.status !== 204 && answer.status !== 304) expect(answer.headers['content-type']).toMatch(/^application\/scim\+json/);
    return answer as unknown as Answer;
  };
  const query = (filter: string, extra = '') => `?filter=${encodeURIComponent(filter)}${extra}`;
  const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });
  const member = async (id: string) => (await service.http.get(`/members/${id}`).set(auth(admin))).body;
  const eventTypesOf = (memberId: string) => events.about((payload) => (payload.member as { memberId?: string } | undefined)?.memberId === memberId).map((event) => event.type);

  beforeAll(async () => {
    service = await startOrgRegistry('org_scim_clients', { PUBLIC_BASE_URL });
    events = await EventRecorder.start(district);
    hr = await service.tokenFor({ district, roles: ['hr-sync'] });
    admin = await service.tokenFor({ district, roles: ['district-admin'] });
    const unit = async (name: string, code: string, kind: string, parentId?: string) =>
      (await service.http.post('/units').set(auth(admin)).send({ name, code, kind, ...(parentId ? { parentId } : {}) })).body.unitId as string;
    units.root = await unit('区委', 'QW', 'district-committee');
    units.commerce = await unit('区商业事务管理处', 'QSWC', 'district-organ', units.root);
    units.education = await unit('区教育局', 'QJYJ', 'district-organ', units.root);
    units.science = await unit('区科技局', 'QKJJ', 'district-organ', units.root);
  });

  afterAll(async () => {
    await events?.stop();
    await service?.app.close();
  });

  it('Entra ID: test connection, create, manager, update, disable, enable, group push, delete', async () => {
    // Test connection: a filter on a random userName must answer an empty list, not 404.
    expect(await call('get', `/Users${query(`userName eq "${randomUUID()}"`)}`)).toMatchObject({ status: 200, body: { totalResults: 0, Resources: [] } });

    // The manager is provisioned first; Entra sets the reference once both exist.
    const managerName = 'liuyang@xz.example.gov.cn';
    expect((await call('get', `/Users${query(`userName eq "${managerName}"`)}`)).body.totalResults).toBe(0);
    const manager = await call('post', '/Users', {
      schemas: [USER, ENTERPRISE],
      externalId: 'liuyang',
      userName: managerName,
      active: true,
      displayName: '刘洋',
      emails: [{ primary: true, type: 'work', value: managerName }],
      meta: { resourceType: 'User' },
      name: { formatted: '刘洋', familyName: '刘', givenName: '洋' },
      title: '处长',
      [ENTERPRISE]: { department: '区商业事务管理处', employeeNumber: '1001' },
    });
    expect(manager.status).toBe(201);
    expect(manager.headers['location']).toBe(`${PUBLIC_BASE_URL}/scim/v2/Users/${manager.body.id}`);

    const userName = 'chenjing@xz.example.gov.cn';
    expect((await call('get', `/Users${query(`userName eq "${userName}"`)}`)).body.totalResults).toBe(0);
    const created = await call('post', '/Users', {
      schemas: [USER, ENTERPRISE],
      externalId: 'chenjing',
      userName,
      active: true,
      addresses: [{ primary: false, type: 'work', streetAddress: '解放路1号', locality: '城北街道', postalCode: '341000', country: 'CN' }],
      displayName: '陈静',
      emails: [{ primary: true, type: 'work', value: userName }],
      meta: { resourceType: 'User' },
      name: { formatted: '陈静', familyName: '陈', givenName: '静' },
      phoneNumbers: [
        { primary: true, type: 'work', value: '0797-8123456' },
        { primary: false, type: 'mobile', value: '13907970001' },
      ],
      title: '科员',
      [ENTERPRISE]: { employeeNumber: '1002', department: 'Commerce Administration', costCenter: 'CC-SW', organization: '区人民政府', division: '商务' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body.meta).toMatchObject({ location: `${PUBLIC_BASE_URL}/scim/v2/Users/${id}`, version: 'W/"1"' });
    expect(created.body.phoneNumbers).toHaveLength(2);
    expect(created.body[ENTERPRISE]).toMatchObject({ employeeNumber: '1002', department: 'Commerce Administration', costCenter: 'CC-SW' });
    expect(await member(id)).toMatchObject({ unitId: units.root, awaitingPlacement: { department: 'Commerce Administration' } });

    const withManager = await call('patch', `/Users/${id}`, patch({ op: 'Add', path: `${ENTERPRISE}:manager`, value: manager.body.id }));
    expect(withManager.status).toBe(200);
    expect(withManager.body[ENTERPRISE]).toMatchObject({ manager: { value: manager.body.id, displayName: '刘洋', $ref: `${PUBLIC_BASE_URL}/scim/v2/Users/${manager.body.id}` } });

    // An admin maps Entra's department to the unit; the member waiting with it is placed.
    const mapped = await service.http.put('/placement/department-mappings').set(auth(admin)).send({ department: 'Commerce Administration', unitId: units.commerce });
    expect(mapped.body.placed).toBe(1);

    // Update: Entra reads the user, then sends the changed attributes (an email change arrives as Add on the filtered path).
    expect((await call('get', `/Users/${id}`)).status).toBe(200);
    const updated = await call(
      'patch',
      `/Users/${id}`,
      patch(
        { op: 'Replace', path: 'displayName', value: '陈静怡' },
        { op: 'Replace', path: 'name.givenName', value: '静怡' },
        { op: 'Replace', path: 'name.formatted', value: '陈静怡' },
        { op: 'Add', path: 'emails[type eq "work"].value', value: 'chenjingyi@xz.example.gov.cn' },
        { op: 'Replace', path: 'title', value: '副科长' },
        { op: 'Add', path: 'phoneNumbers[type eq "fax"].value', value: '0797-8123457' },
        { op: 'Replace', path: `${ENTERPRISE}:employeeNumber`, value: '1002-A' },
      ),
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ displayName: '陈静怡', title: '副科长', emails: [{ value: 'chenjingyi@xz.example.gov.cn', type: 'work', primary: true }] });
    expect(updated.body.phoneNumbers).toHaveLength(3);
    expect(await member(id)).toMatchObject({ name: '陈静怡', unitId: units.commerce, posts: ['副科长'], contacts: { email: 'chenjingyi@xz.example.gov.cn', phone: '0797-8123456' } });

    // Disable and enable: Entra sends booleans as capitalised strings.
    expect((await call('patch', `/Users/${id}`, patch({ op: 'Replace', path: 'active', value: 'False' }))).body.active).toBe(false);
    expect((await call('get', `/Users${query('active eq false')}`)).body.totalResults).toBe(1);
    expect((await call('patch', `/Users/${id}`, patch({ op: 'Replace', path: 'active', value: 'True' }))).body.active).toBe(true);
    expect(await member(id)).toMatchObject({ status: 'active', unitId: units.commerce });

    // Group push: existence check without members, create empty, add, check membership, remove, rename.
    expect((await call('get', `/Groups${query('displayName eq "区商务党支部"', '&excludedAttributes=members')}`)).body.totalResults).toBe(0);
    const group = await call('post', '/Groups', { schemas: [GROUP], externalId: 'entra-group-1', displayName: '区商务党支部', meta: { resourceType: 'Group' }, members: [] });
    expect(group.status).toBe(201);
    expect(group.headers['location']).toBe(`${PUBLIC_BASE_URL}/scim/v2/Groups/${group.body.id}`);
    const groupId = group.body.id as string;
    expect((await call('patch', `/Groups/${groupId}`, patch({ op: 'Add', path: 'members', value: [{ value: id }, { value: manager.body.id }] }))).status).toBe(200);
    const membership = await call('get', `/Groups${query(`id eq "${groupId}" and members[value eq "${id}"]`, '&excludedAttributes=members')}`);
    expect(membership.body).toMatchObject({ totalResults: 1, Resources: [{ id: groupId, displayName: '区商务党支部' }] });
    expect(membership.body.Resources?.[0].members).toBeUndefined();
    expect([200, 204]).toContain((await call('patch', `/Groups/${groupId}`, patch({ op: 'Remove', path: 'members', value: [{ value: manager.body.id }] }))).status);
    const renamed = await call('patch', `/Groups/${groupId}`, patch({ op: 'Replace', path: 'displayName', value: '区商业事务管理处党支部' }));
    expect(renamed.body).toMatchObject({ displayName: '区商业事务管理处党支部', members: [{ value: id }] });

    // Delete: gone for SCIM, left in the platform; the group loses the member; then the group goes.
    expect((await call('delete', `/Users/${id}`)).status).toBe(204);
    expect(await call('get', `/Users/${id}`)).toMatchObject({ status: 404, body: { status: '404' } });
    expect((await call('get', `/Users${query(`userName eq "${userName}"`)}`)).body.totalResults).toBe(0);
    expect((await call('get', `/Groups/${groupId}`)).body.members ?? []).toEqual([]);
    expect((await call('delete', `/Groups/${groupId}`)).status).toBe(204);
    expect((await call('get', `/Groups/${groupId}`)).status).toBe(404);

    expect(await member(id)).toMatchObject({
      status: 'left',
      name: '陈静怡',
      unitId: units.commerce,
      history: [{ unitId: units.root }],
      directory: { employeeNumber: '1002-A', manager: { value: manager.body.id } },
      directoryDeletion: { userName, externalId: 'chenjing' },
    });
    await eventually(async () =>
      expect(eventTypesOf(id)).toEqual([
        'org.member.enrolled',
        'org.member.updated',
        'org.member.transferred',
        'org.member.updated',
        'org.member.left',
        'org.member.updated',
        'org.member.left',
      ]),
    );
  });

  it('Okta: test connection, import, create, profile push by PUT, deactivate, reactivate, group push, group delete', async () => {
    // Test connection and import read pages of users.
    expect((await call('get', '/Users?startIndex=1&count=2')).status).toBe(200);
    const page = await call('get', '/Users?startIndex=1&count=100');
    expect(page.body).toMatchObject({ startIndex: 1 });

    const userName = 'zhaolei@xz.example.gov.cn';
    expect((await call('get', `/Users${query(`userName eq "${userName}"`, '&startIndex=1&count=100')}`)).body.totalResults).toBe(0);
    const created = await call('post', '/Users', {
      schemas: [USER],
      userName,
      name: { givenName: '磊', familyName: '赵' },
      emails: [{ primary: true, value: userName, type: 'work' }],
      displayName: '赵磊',
      locale: 'zh-CN',
      externalId: '00u1abcdEFGH',
      groups: [],
      password: 'not-kept-1!',
      active: true,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.headers['location']).toBe(`${PUBLIC_BASE_URL}/scim/v2/Users/${id}`);
    expect(created.body.password).toBeUndefined();

    // Profile push: Okta reads the user, then replaces it whole.
    expect((await call('get', `/Users/${id}`)).status).toBe(200);
    const replaced = await call('put', `/Users/${id}`, {
      schemas: [USER, ENTERPRISE],
      id,
      userName,
      name: { givenName: '磊', familyName: '赵' },
      emails: [{ primary: true, value: 'lei.zhao@xz.example.gov.cn', type: 'work' }],
      phoneNumbers: [{ value: '13907970002', type: 'mobile' }],
      displayName: '赵磊',
      title: '教研员',
      active: true,
      [ENTERPRISE]: { department: 'QJYJ', employeeNumber: '2001', manager: { value: '00u9manager', displayName: '王校长' } },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ emails: [{ value: 'lei.zhao@xz.example.gov.cn' }], phoneNumbers: [{ value: '13907970002', type: 'mobile' }] });
    expect(replaced.body[ENTERPRISE]).toMatchObject({ department: 'QJYJ', employeeNumber: '2001', manager: { value: '00u9manager', displayName: '王校长' } });
    expect(await member(id)).toMatchObject({ unitId: units.education, posts: ['教研员'], contacts: { email: 'lei.zhao@xz.example.gov.cn', phone: '13907970002' } });

    // Deactivate and reactivate: PATCH of active without a path.
    expect((await call('patch', `/Users/${id}`, patch({ op: 'replace', value: { active: false } }))).body.active).toBe(false);
    expect(await member(id)).toMatchObject({ status: 'left' });
    expect((await call('patch', `/Users/${id}`, patch({ op: 'replace', value: { active: true } }))).body.active).toBe(true);
    expect(await member(id)).toMatchObject({ status: 'active', unitId: units.education });

    // Group push: existence check, create with its members, rename, add, remove, delete.
    const colleague = await call('post', '/Users', { schemas: [USER], userName: 'wufang@xz.example.gov.cn', name: { givenName: '芳', familyName: '吴' }, displayName: '吴芳', active: true });
    expect((await call('get', `/Groups${query('displayName eq "教育系统党委"', '&startIndex=1&count=100')}`)).body.totalResults).toBe(0);
    const group = await call('post', '/Groups', { schemas: [GROUP], displayName: '教育系统党委', members: [{ value: id, display: userName }] });
    expect(group.status).toBe(201);
    const groupId = group.body.id as string;
    const renamed = await call('patch', `/Groups/${groupId}`, patch({ op: 'replace', value: { id: groupId, displayName: '区教育系统党委' } }));
    expect([200, 204]).toContain(renamed.status);
    expect((await call('get', `/Groups/${groupId}`)).body.displayName).toBe('区教育系统党委');
    const added = await call('patch', `/Groups/${groupId}`, patch({ op: 'add', path: 'members', value: [{ value: colleague.body.id, display: 'wufang@xz.example.gov.cn' }] }));
    expect((added.body.members as { value: string }[]).map((m) => m.value).sort()).toEqual([id, colleague.body.id].sort());
    expect([200, 204]).toContain((await call('patch', `/Groups/${groupId}`, patch({ op: 'remove', path: `members[value eq "${id}"]` }))).status);
    expect(((await call('get', `/Groups/${groupId}`)).body.members as { value: string }[]).map((m) => m.value)).toEqual([colleague.body.id]);
    expect((await call('delete', `/Groups/${groupId}`)).status).toBe(204);
    expect((await call('get', `/Groups${query('displayName eq "区教育系统党委"')}`)).body.totalResults).toBe(0);

    // Okta deprovisions by deactivation and never deletes a user: the member stays, left, and SCIM still serves it.
    expect((await call('patch', `/Users/${id}`, patch({ op: 'replace', value: { active: false } }))).status).toBe(200);
    expect((await call('get', `/Users/${id}`)).body).toMatchObject({ id, active: false });
    expect(await member(id)).toMatchObject({ status: 'left', unitId: units.education, history: [{ unitId: units.root }] });
    await eventually(async () =>
      expect(eventTypesOf(id)).toEqual(['org.member.enrolled', 'org.member.transferred', 'org.member.left', 'org.member.updated', 'org.member.left']),
    );
  });
});
