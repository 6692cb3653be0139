import { randomUUID } from 'node:crypto';
import { Principal } from '@campaign/auth';
import { SERVICES } from '@campaign/testing';
import { PlatformClient, waitFor } from '../tools/platform/client';
import { PlatformUnderTest } from './support';
import { holdActivity, launchDemoCampaign } from '../tools/platform/scenario';

/**
 * The four services as separate processes on their own FerretDB and NATS, driven only over HTTP and
 * NATS-fed read models: what a district would see.
 */
describe('the platform end to end', () => {
  const district = `e2e-${randomUUID().slice(0, 8)}`;
  const platform = new PlatformUnderTest();
  let admin: PlatformClient;
  const units: Record<string, string> = {};
  const members: Record<string, string> = {};

  const as = (principal: Principal) => PlatformClient.as(platform.urls, principal);
  const memberClient = (externalId: string) =>
    as({ sub: members[externalId], district, roles: ['member'], units: [], memberId: members[externalId] });

  beforeAll(async () => {
    await platform.start({ purpose: 'e2e' });
    admin = await as({ sub: 'district-admin', district, roles: ['district-admin'], units: [] });
  });

  afterAll(async () => {
    await platform.stop();
  });

  it('flows an HR import into every service’s read model', async () => {
    const root = await admin.post<{ unitId: string }>('org-registry', '/units', { name: '区委', kind: 'district-committee', code: 'ROOT' });
    units.root = root.unitId;
    units.school = (await admin.post<{ unitId: string }>('org-registry', '/units', { name: '区第一中学', kind: 'school', parentId: root.unitId, code: 'XX-ZX1' })).unitId;
    units.town = (await admin.post<{ unitId: string }>('org-registry', '/units', { name: '盈口乡', kind: 'township', parentId: root.unitId, code: 'XZ-YK' })).unitId;
    await admin.put('org-registry', '/import/mappings/hr', {
      format: 'csv',
      columns: { externalId: '工号', name: '姓名', unit: '单位编码', posts: '职务', isLeader: '领导干部', email: '邮箱' },
      unitReference: 'code',
    });
    const csv = [
      '工号,姓名,单位编码,职务,领导干部,邮箱',
      'E2E-1,王芳,XX-ZX1,书记,true,wangfang@e2e.test',
      'E2E-2,李强,XX-ZX1,,false,liqiang@e2e.test',
      'E2E-3,张伟,XX-ZX1,,false,zhangwei@e2e.test',
      'E2E-4,刘洋,XZ-YK,,false,liuyang@e2e.test',
      'E2E-5,陈静,NO-SUCH-UNIT,,false,chenjing@e2e.test',
    ].join('\n');
    const report = await admin.call<{ created: { count: number; items: { externalId: string; memberId?: string }[] }; rejected: { count: number } }>(
      'org-registry',
      'POST',
      '/import/members?mapping=hr&dryRun=false',
      csv,
      'text/csv',
    );
    expect(report.created.count).toBe(4);
    expect(report.rejected.count).toBe(1);
    const imported = await admin.get<{ items: { externalId: string; memberId: string }[] }>('org-registry', `/members?subtreeOf=${units.root}&limit=50`);
    for (const member of imported.items) members[member.externalId] = member.memberId;
    expect(Object.keys(members).sort()).toEqual(['E2E-1', 'E2E-2', 'E2E-3', 'E2E-4']);

    // activity-records validates attendance against its own copy of the organisation.
    for (const memberId of Object.values(members)) {
      await waitFor(`activity-records to know ${memberId}`, () => admin.get('activity-records', `/org/members/${memberId}`).then(() => true));
    }
  });

  it('turns recorded attendance into scores, a ranking and notifications', async () => {
    const campaign = await launchDemoCampaign(admin);
    const startsAt = new Date(Date.now() - 60 * 60_000).toISOString();
    const held = await holdActivity(admin, {
      campaignId: campaign._id,
      kind: 'collective-study',
      title: '区第一中学集中学习',
      unitId: units.school,
      carrierId: campaign.carriers[0]?.carrierId,
      startsAt,
      rows: [
        { memberId: members['E2E-1'], status: 'present' },
        { memberId: members['E2E-2'], status: 'present' },
        { memberId: members['E2E-3'], status: 'absent' },
      ],
    });
    expect(held.recorded).toBe(3);

    type Explain = { total: number; indicators: { indicatorId: string; lines: { points: number; explanation: string }[] }[] };
    const explained = await waitFor('assessment-scoring to score the attendance', async () => {
      const result = await admin.get<Explain>('assessment-scoring', `/campaigns/${campaign._id}/members/${members['E2E-2']}/explain`);
      return result.total > 0 && result;
    });
    expect(explained.indicators.find((indicator) => indicator.indicatorId === 'study')?.lines.length).toBeGreaterThan(0);
    const absent = await admin.get<Explain>('assessment-scoring', `/campaigns/${campaign._id}/members/${members['E2E-3']}/explain`);
    expect(absent.total).toBeLessThan(0);

    type Ranking = { entries: { subjectId: string; rank: number; points: number }[] };
    const ranking = await waitFor('the members of the school to be ranked', async () => {
      const page = await admin.get<Ranking>('assessment-scoring', `/campaigns/${campaign._id}/rankings?scope=unit-members&scopeId=${units.school}&period=campaign&page=1&pageSize=10`);
      return page.entries.length === 3 && page;
    });
    expect(ranking.entries[ranking.entries.length - 1]).toMatchObject({ subjectId: members['E2E-3'] });

    // An activity of the township that invites the school: its members are told in their inbox.
    await admin.post('activity-records', '/activities', {
      campaignId: campaign._id,
      kind: 'volunteer-service',
      title: '盈口乡志愿服务',
      organiserUnitId: units.town,
      startsAt: new Date(Date.now() + 2 * 24 * 60 * 60_000).toISOString(),
      invitedUnitIds: [units.school],
    });
    const member = await memberClient('E2E-2');
    const inbox = await waitFor('the invitation in the member’s inbox', async () => {
      const count = await member.get<{ unread?: number; count?: number } | number>('notifications', '/me/inbox/unread-count');
      const unread = typeof count === 'number' ? count : (count.unread ?? count.count ?? 0);
      return unread > 0 && unread;
    });
    expect(inbox).toBeGreaterThan(0);
  });

  it('marks a member deprovisioned by SCIM as left in every read model', async () => {
    const hr = await as({ sub: 'hr-system', district, roles: ['hr-sync'], units: [] });
    await hr.call('org-registry', 'PATCH', `/scim/v2/Users/${members['E2E-4']}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    }, 'application/scim+json');
    const inRegistry = await admin.get<{ status: string }>('org-registry', `/members/${members['E2E-4']}`);
    expect(inRegistry.status).toBe('left');
    await waitFor('activity-records to mark the member left', async () => {
      const copy = await admin.get<{ status: string }>('activity-records', `/org/members/${members['E2E-4']}`);
      return copy.status === 'left';
    });
  });

  it('serves health, metrics and API docs from every service process', async () => {
    for (const service of SERVICES) {
      expect((await fetch(`${platform.urls[service]}/health/ready`)).status).toBe(200);
      expect(await (await fetch(`${platform.urls[service]}/metrics`)).text()).toMatch(/events_(published|consumed)_total|http_request_duration_seconds/);
      expect((await fetch(`${platform.urls[service]}/docs/openapi.json`)).status).toBe(200);
    }
  });

  it('refuses another district’s token everywhere', async () => {
    const stranger = await as({ sub: 'other-admin', district: `other-${district}`, roles: ['district-admin'], units: [] });
    const theirs = await stranger.get<{ items: unknown[]; total: number }>('org-registry', '/members?limit=10');
    expect(theirs.total).toBe(0);
    await expect(stranger.get('activity-records', `/org/members/${members['E2E-1']}`)).rejects.toMatchObject({ status: 404 });
  });
});
