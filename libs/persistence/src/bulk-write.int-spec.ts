import mongoose, { Connection, Model, Schema } from 'mongoose';
import { uniqueDatabase } from '@campaign/testing';
import { BulkWriteFailure, bulkWriteSafely, insertNew } from './bulk-write';

interface Counter {
  _id: string;
  value: number;
}

let connection: Connection;
let counters: Model<Counter>;

beforeAll(async () => {
  const url = new URL(process.env.TEST_MONGO_BASE_URL as string);
  url.pathname = `/${uniqueDatabase('bulk_write')}`;
  connection = await mongoose.createConnection(url.toString()).asPromise();
  counters = connection.model<Counter>('Counter', new Schema<Counter>({ _id: String, value: Number }, { versionKey: false }));
});

afterAll(async () => {
  await connection?.close();
});

describe('bulkWriteSafely', () => {
  it('applies 1,000 matching updates in one call, which one FerretDB 1.x command with as many updates as its PostgreSQL pool has connections cannot', async () => {
    const ids = Array.from({ length: 1_000 }, (_, i) => `counter-${i}`);
    await counters.insertMany(ids.map((_id) => ({ _id, value: 0 })));

    const counts = await bulkWriteSafely(
      counters,
      ids.map((_id) => ({ updateOne: { filter: { _id }, update: { $inc: { value: 1 } } } })),
      { ordered: false },
    );

    expect(counts.matchedCount).toBe(1_000);
    expect(counts.modifiedCount).toBe(1_000);
    expect(await counters.countDocuments({ value: 1 })).toBe(1_000);
  });

  it('reports failed operations at their positions in the caller’s list and writes the rest when unordered', async () => {
    await counters.insertMany([{ _id: 'taken-a', value: 0 }, { _id: 'taken-b', value: 0 }]);
    const operations = Array.from({ length: 30 }, (_, i) =>
      i === 7 || i === 23
        ? { insertOne: { document: { _id: i === 7 ? 'taken-a' : 'taken-b', value: 9 } } }
        : { updateOne: { filter: { _id: `upserted-${i}` }, update: { $set: { value: i } }, upsert: true } },
    );

    const failure = await bulkWriteSafely(counters, operations, { ordered: false }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(BulkWriteFailure);
    expect((failure as BulkWriteFailure).writeErrors.map((error) => [error.index, error.code])).toEqual([
      [7, 11000],
      [23, 11000],
    ]);
    expect((failure as BulkWriteFailure).result.upsertedCount).toBe(28);
    expect(await counters.countDocuments({ _id: /^upserted-/ })).toBe(28);
  });

  it('stops at the first failure when ordered', async () => {
    const operations = [
      { updateOne: { filter: { _id: 'ordered-1' }, update: { $set: { value: 1 } }, upsert: true } },
      { insertOne: { document: { _id: 'ordered-1', value: 2 } } },
      ...Array.from({ length: 10 }, (_, i) => ({ updateOne: { filter: { _id: `ordered-after-${i}` }, update: { $set: { value: 3 } }, upsert: true } })),
    ];

    const failure = (await bulkWriteSafely(counters, operations, { ordered: true }).catch((error: unknown) => error)) as BulkWriteFailure;

    expect(failure.writeErrors.map((error) => error.index)).toEqual([1]);
    expect(await counters.countDocuments({ _id: /^ordered-after-/ })).toBe(0);
  });
});

describe('insertNew', () => {
  it('inserts what is new in one command and names what was there already', async () => {
    await counters.insertMany([{ _id: 'there-1', value: 1 }, { _id: 'there-2', value: 2 }]);
    const documents = ['new-1', 'there-1', 'new-2', 'there-2', 'new-3'].map((_id) => ({ _id, value: 9 }));

    const { inserted, duplicates } = await insertNew(counters, documents);

    expect(inserted.map((document) => document._id)).toEqual(['new-1', 'new-2', 'new-3']);
    expect(duplicates.map((document) => document._id)).toEqual(['there-1', 'there-2']);
    expect((await counters.find({ _id: { $in: ['there-1', 'there-2', 'new-2'] } }).sort({ _id: 1 }).lean()).map((c) => c.value)).toEqual([9, 1, 2]);
  });

  it('writes what create would (defaults, timestamps) and refuses an invalid document before writing any', async () => {
    const notes = connection.model('Note', new Schema({ _id: String, title: { type: String, required: true }, tags: { type: [String], default: [] } }, { versionKey: false, timestamps: true }));

    await insertNew(notes, [{ _id: 'note-1', title: '学习心得' }]);
    await expect(insertNew(notes, [{ _id: 'note-2', title: '调研报告' }, { _id: 'note-3' }])).rejects.toThrow(/title/);

    const [stored] = await notes.find({}).lean();
    expect(stored).toEqual({ _id: 'note-1', title: '学习心得', tags: [], createdAt: expect.any(Date), updatedAt: expect.any(Date) });
    expect(await notes.countDocuments({})).toBe(1);
  });
});
