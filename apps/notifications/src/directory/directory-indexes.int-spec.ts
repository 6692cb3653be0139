import mongoose, { Connection } from 'mongoose';
import { indexedPlanOf, uniqueDatabase } from '@campaign/testing';
import { ORG_MEMBER, orgReadModelSchemas } from '@campaign/org-read-model';
import { directoryReadModel } from './org-read-model.config';

let connection: Connection;

beforeAll(async () => {
  const url = new URL(process.env.TEST_MONGO_BASE_URL as string);
  url.pathname = `/${uniqueDatabase('directory_indexes')}`;
  connection = await mongoose.createConnection(url.toString()).asPromise();
});

afterAll(() => connection?.close());

it('finds the holders of a role in a unit (an audience) from an index', async () => {
  const members = connection.model(ORG_MEMBER, orgReadModelSchemas(directoryReadModel).member);
  const rows = Array.from({ length: 2_000 }, (_, i) => ({
    district: 'district-a',
    memberId: `m-${i}`,
    name: `党员${i}`,
    unitId: `u-${i % 100}`,
    unitPath: ['root', `u-${i % 100}`],
    roles: i % 20 === 0 ? [{ role: 'secretary', unitId: `u-${i % 100}` }] : [],
    roleKeys: i % 20 === 0 ? [`secretary@u-${i % 100}`] : [],
    status: 'active',
    revision: 1,
  }));

  const plan = await indexedPlanOf(members, rows, () => members.find({ district: 'district-a', roleKeys: 'secretary@u-40', status: 'active' }));

  expect(plan.scansCollection).toBe(false);
});
