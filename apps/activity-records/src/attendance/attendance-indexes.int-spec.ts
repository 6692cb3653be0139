import mongoose, { Connection } from 'mongoose';
import { indexedPlanOf, uniqueDatabase } from '@campaign/testing';
import { ATTENDANCE, attendanceSchema } from './attendance.schema';

let connection: Connection;

beforeAll(async () => {
  const url = new URL(process.env.TEST_MONGO_BASE_URL as string);
  url.pathname = `/${uniqueDatabase('attendance_indexes')}`;
  connection = await mongoose.createConnection(url.toString()).asPromise();
});

afterAll(() => connection?.close());

it('answers the attendance of one activity from an index, not a scan of every attendance', async () => {
  const attendance = connection.model(ATTENDANCE, attendanceSchema);
  const rows = Array.from({ length: 2_000 }, (_, i) => ({
    _id: `activity-${i % 100}:member-${i}`,
    district: '盈口乡-district',
    activityId: `activity-${i % 100}`,
    memberId: `member-${i}`,
    status: 'present',
  }));

  const plan = await indexedPlanOf(attendance, rows, () => attendance.find({ district: '盈口乡-district', activityId: 'activity-7' }));

  expect(plan.scansCollection).toBe(false);
  expect(plan.indexes.length).toBeGreaterThan(0);
});
