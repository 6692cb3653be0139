import mongoose, { Connection } from 'mongoose';
import { byDistrictKey } from '@campaign/persistence';
import { indexedPlanOf, uniqueDatabase } from '@campaign/testing';
import { MemberViewSchema } from '../integration-events/read-model.schemas';
import { StandingSchema } from './standing.schema';

let connection: Connection;

beforeAll(async () => {
  const url = new URL(process.env.TEST_MONGO_BASE_URL as string);
  url.pathname = `/${uniqueDatabase('standing_indexes')}`;
  connection = await mongoose.createConnection(url.toString()).asPromise();
});

afterAll(() => connection?.close());

it('answers a member’s standing from an index, not a scan of every standing', async () => {
  const standings = connection.model('StandingIndexCheck', StandingSchema);
  const rows = Array.from({ length: 2_000 }, (_, i) => ({
    _id: `district-a|campaign-1|campaign|member|member-${i}`,
    district: 'district-a',
    campaignId: 'campaign-1',
    period: 'campaign',
    scope: 'member',
    subjectId: `member-${i}`,
    points: i % 17,
  }));

  const plan = await indexedPlanOf(standings, rows, () => byDistrictKey(standings.find({ _id: 'district-a|campaign-1|campaign|member|member-42' })));

  expect(plan.scansCollection).toBe(false);
});

it('answers an org read-model lookup of a member from an index', async () => {
  const members = connection.model('MemberViewIndexCheck', MemberViewSchema);
  const rows = Array.from({ length: 2_000 }, (_, i) => ({ _id: `district-a|member-${i}`, district: 'district-a', memberId: `member-${i}`, unitId: `unit-${i % 50}`, status: 'active' }));

  const plan = await indexedPlanOf(members, rows, () => byDistrictKey(members.find({ _id: 'district-a|member-1234' })));

  expect(plan.scansCollection).toBe(false);
});
