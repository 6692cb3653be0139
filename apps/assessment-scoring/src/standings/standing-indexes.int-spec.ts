import mongoose, { Connection } from 'mongoose';
import { byDistrictKey } from '@campaign/persistence';
import { indexedPlanOf, uniqueDatabase } from '@campaign/testing';
import { orgReadModelSchemas } from '@campaign/org-read-model';
import { scoringOrgReadModel } from '../integration-events/org-read-model.config';
import { standingSchema } from './standing.schema';

let connection: Connection;

beforeAll(async () => {
  const url = new URL(process.env.TEST_MONGO_BASE_URL as string);
  url.pathname = `/${uniqueDatabase('standing_indexes')}`;
  connection = await mongoose.createConnection(url.toString()).asPromise();
});

afterAll(() => connection?.close());

it('answers a member’s standing from an index, not a scan of every standing', async () => {
  const standings = connection.model('StandingIndexCheck', standingSchema);
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
  const members = connection.model('MemberViewIndexCheck', orgReadModelSchemas(scoringOrgReadModel).member);
  const rows = Array.from({ length: 2_000 }, (_, i) => ({ _id: `district-a|member-${i}`, district: 'district-a', memberId: `member-${i}`, unitId: `unit-${i % 50}`, status: 'active' }));

  const plan = await indexedPlanOf(members, rows, () => byDistrictKey(members.find({ _id: 'district-a|member-1234' })));

  expect(plan.scansCollection).toBe(false);
});

describe('rankings read standings by equalities the store answers from an index', () => {
  /** Standings of one district: every tenth a unit's, the others members' of 40 units. */
  const rows = (district: string) => Array.from({ length: 2_000 }, (_, i) => ({
    _id: `${district}|campaign-1|campaign|${i % 10 === 0 ? 'unit' : 'member'}|subject-${i}`,
    district,
    campaignId: 'campaign-1',
    period: 'campaign',
    scope: i % 10 === 0 ? 'unit' : 'member',
    subjectId: `subject-${i}`,
    unitId: `unit-${i % 40}`,
    points: i % 17,
  }));

  it('a unit’s member ranking: {district, campaignId, period, scope: member, unitId}', async () => {
    const standings = connection.model('StandingUnitMembersCheck', standingSchema);
    const plan = await indexedPlanOf(standings, rows('district-b'), () => standings.find({ district: 'district-b', campaignId: 'campaign-1', period: 'campaign', scope: 'member', unitId: 'unit-7' }));
    expect(plan.scansCollection).toBe(false);
  });

  it('the district’s unit ranking: {district, campaignId, period, scope: unit}', async () => {
    const standings = connection.model('StandingDistrictUnitsCheck', standingSchema);
    const plan = await indexedPlanOf(standings, rows('district-c'), () => standings.find({ district: 'district-c', campaignId: 'campaign-1', period: 'campaign', scope: 'unit' }));
    expect(plan.scansCollection).toBe(false);
  });

  it('a member’s standings in every campaign, relisted on a transfer or a leave: {district, scope: member, subjectId}', async () => {
    const standings = connection.model('StandingOfMemberCheck', standingSchema);
    const plan = await indexedPlanOf(standings, rows('district-d'), () => standings.find({ district: 'district-d', scope: 'member', subjectId: 'subject-41' }));
    expect(plan.scansCollection).toBe(false);
  });
});
