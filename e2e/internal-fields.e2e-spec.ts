import { randomUUID } from 'node:crypto';
import { Principal } from '@campaign/auth';
import { CAMPAIGN_REQUEST } from '@campaign/testing';
import { PlatformClient, waitFor } from '../tools/platform/client';
import { PlatformUnderTest } from './support';
import { DEMO_SCHEME } from '../tools/platform/scenario';

/** Every key of a body at any depth. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, field]) => [key, ...keysOf(field)]);
}

/** What only a service itself may see: `__v` and `_`-prefixed bookkeeping such as the embedded outbox (`_outbox*`). */
const internalKeys = (body: unknown) => keysOf(body).filter((key) => key === '__v' || (key.startsWith('_') && key !== '_id'));

/** Internal fields never leave any of the four services, in what they create and in what they list. */
describe('no service shows its internal fields', () => {
  const district = `e2e-${randomUUID().slice(0, 8)}`;
  const platform = new PlatformUnderTest();
  const as = (principal: Principal) => PlatformClient.as(platform.urls, principal);

  beforeAll(async () => {
    await platform.start();
  });

  afterAll(async () => {
    await platform.stop();
  });

  it('in responses of org-registry, activity-records, assessment-scoring and notifications', async () => {
    const admin = await as({ sub: 'district-admin', district, roles: ['district-admin'], units: [] });
    const bodies: [string, unknown][] = [];
    const keep = async <T>(what: string, response: Promise<T>): Promise<T> => {
      const body = await response;
      bodies.push([what, body]);
      return body;
    };

    const root = await keep('org: create unit', admin.post<{ unitId: string }>('org-registry', '/units', { name: '区委', kind: 'district-committee', code: 'ROOT' }));
    const town = await keep('org: create unit', admin.post<{ unitId: string }>('org-registry', '/units', { name: '盈口乡', kind: 'township', parentId: root.unitId, code: 'XZ-YK' }));
    const member = await keep(
      'org: enrol member',
      admin.post<{ memberId: string }>('org-registry', '/members', { externalId: 'HR-1', name: '王芳', unitId: town.unitId, posts: ['书记'], isLeader: true, contacts: { email: 'wangfang@e2e.test' } }),
    );
    await keep('org: list units', admin.get('org-registry', '/units'));
    await keep('org: list members', admin.get('org-registry', `/members?subtreeOf=${root.unitId}`));
    await keep('org: get member', admin.get('org-registry', `/members/${member.memberId}`));
    await waitFor('activity-records to know the member', () => admin.get('activity-records', `/org/members/${member.memberId}`).then(() => true));

    const campaign = await keep(
      'activity: launch campaign',
      admin.post<{ _id: string }>('activity-records', '/campaigns', CAMPAIGN_REQUEST),
    );
    await keep('activity: change stage', admin.post('activity-records', `/campaigns/${campaign._id}/stage`, { to: 'operation' }));
    const plan = await keep(
      'activity: draft plan',
      admin.post<{ _id: string }>('activity-records', '/plans', { campaignId: campaign._id, unitId: town.unitId, theme: '提升三服务，实现三满意', carriers: [], institutions: { weeklyCollectiveStudy: true } }),
    );
    await keep('activity: submit plan', admin.post('activity-records', `/plans/${plan._id}/submit`));
    const activity = await keep(
      'activity: schedule activity',
      admin.post<{ _id: string }>('activity-records', '/activities', {
        campaignId: campaign._id,
        kind: 'collective-study',
        title: '盈口乡集中学习',
        organiserUnitId: town.unitId,
        startsAt: new Date(Date.now() + 2 * 24 * 60 * 60_000).toISOString(),
      }),
    );
    await keep('activity: record attendance', admin.put('activity-records', `/activities/${activity._id}/attendance/${member.memberId}`, { status: 'present' }));
    await keep('activity: list attendance', admin.get('activity-records', `/activities/${activity._id}/attendance`));
    await keep('activity: review queue', admin.get('activity-records', '/review-queue'));

    await keep('scoring: accept scheme', waitFor('the scheme to be accepted', () => admin.post('assessment-scoring', `/campaigns/${campaign._id}/schemes`, DEMO_SCHEME)));
    await keep('scoring: appraisal round', admin.get('assessment-scoring', `/campaigns/${campaign._id}/appraisal/round`));

    const self = await as({ sub: member.memberId, district, roles: ['member'], units: [], memberId: member.memberId });
    await keep('notifications: rules', admin.get('notifications', '/rules'));
    await keep('notifications: settings', admin.get('notifications', '/settings'));
    await keep('notifications: preferences', self.get('notifications', '/me/preferences'));
    await keep('notifications: inbox', waitFor('the study notice in the inbox', () => self.get<unknown[]>('notifications', '/me/inbox').then((items) => items.length > 0 && items)));

    expect(bodies.map(([what, body]) => [what, internalKeys(body)]).filter(([, keys]) => keys.length > 0)).toEqual([]);
  });
});
