import mongoose, { Connection } from 'mongoose';
import { indexedPlanOf, uniqueDatabase } from '@campaign/testing';
import { DELIVERY, deliverySchema } from './delivery.schema';

let connection: Connection;

beforeAll(async () => {
  const url = new URL(process.env.TEST_MONGO_BASE_URL as string);
  url.pathname = `/${uniqueDatabase('delivery_indexes')}`;
  connection = await mongoose.createConnection(url.toString()).asPromise();
});

afterAll(() => connection?.close());

it('finds the delivery a claim names (district, delivery id, generation) from an index', async () => {
  const deliveries = connection.model(DELIVERY, deliverySchema);
  const rows = Array.from({ length: 2_000 }, (_, i) => ({ district: 'district-a', deliveryId: `delivery-${i}`, status: 'pending', claimGeneration: 0, nextAttemptAt: new Date() }));

  const plan = await indexedPlanOf(deliveries, rows, () => deliveries.find({ district: 'district-a', deliveryId: 'delivery-777', claimGeneration: 0 }));

  expect(plan.scansCollection).toBe(false);
});
