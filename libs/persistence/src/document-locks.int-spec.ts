import mongoose, { Connection, Model, Schema } from 'mongoose';
import { uniqueDatabase } from '@campaign/testing';
import { bulkWriteSafely } from './bulk-write';
import { DOCUMENT_LOCKS_COLLECTION, documentLocksPlugin, withDocumentLocks, withFreeDocumentLocks } from './document-locks';

interface Counter {
  _id: string;
  value: number;
  notes: string[];
}

const COLLECTION = 'counters';
const url = () => {
  const base = new URL(process.env.TEST_MONGO_BASE_URL as string);
  base.pathname = `/${database}`;
  return base.toString();
};
const database = uniqueDatabase('document_locks');

/** Two connections stand for two replicas of a service: each is its own lock owner, as each process is. */
let replicas: { connection: Connection; counters: Model<Counter> }[];

beforeAll(async () => {
  replicas = await Promise.all(
    [1, 2].map(async () => {
      const connection = await mongoose.createConnection(url()).asPromise();
      const schema = new Schema<Counter>({ _id: String, value: Number, notes: [String] }, { versionKey: false, collection: COLLECTION });
      schema.plugin(documentLocksPlugin);
      return { connection, counters: connection.model<Counter>('Counter', schema) };
    }),
  );
});

afterAll(async () => {
  await Promise.all(replicas?.map(({ connection }) => connection.close()) ?? []);
});

const locks = () => replicas[0].connection.collection(DOCUMENT_LOCKS_COLLECTION);

describe('document locks across replicas', () => {
  it('keeps every one of 60 concurrent updates of one document made by two replicas', async () => {
    await replicas[0].counters.create({ _id: 'shared', value: 0, notes: [] });

    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        replicas[i % 2].counters.updateOne({ _id: 'shared' }, { $inc: { value: 1 }, $push: { notes: `update ${i}` } }),
      ),
    );

    const counter = await replicas[1].counters.findById('shared').lean();
    expect(counter?.value).toBe(60);
    expect(counter?.notes).toHaveLength(60);
    expect(await locks().countDocuments()).toBe(0);
  });

  it('lets background work take only the documents nobody else is writing, and those again once free', async () => {
    await replicas[0].counters.create([{ _id: 'busy', value: 0, notes: [] }, { _id: 'idle', value: 0, notes: [] }]);
    let finishWrite!: () => void;
    const writing = new Promise<void>((resolve) => (finishWrite = resolve));
    let writeStarted!: () => void;
    const started = new Promise<void>((resolve) => (writeStarted = resolve));
    const write = withDocumentLocks(replicas[0].connection, COLLECTION, ['busy'], async () => {
      writeStarted();
      await writing;
    });
    await started;

    const takenWhileBusy = await withFreeDocumentLocks(replicas[1].connection, COLLECTION, ['busy', 'idle'], async (ids) => ids);
    finishWrite();
    await write;
    const takenOnceFree = await withFreeDocumentLocks(replicas[1].connection, COLLECTION, ['busy', 'idle'], async (ids) => ids);

    expect(takenWhileBusy).toEqual(['idle']);
    expect(takenOnceFree).toEqual(['busy', 'idle']);
    expect(await locks().countDocuments()).toBe(0);
  });

  it('takes over the lock of a replica that died holding it once its lease has run out, not before', async () => {
    await locks().insertOne({ _id: `${COLLECTION}:orphan` as never, owner: 'a killed replica', expiresAt: new Date(Date.now() + 60_000) });
    const whileLeased = await withFreeDocumentLocks(replicas[0].connection, COLLECTION, ['orphan'], async (ids) => ids);
    await locks().updateOne({ _id: `${COLLECTION}:orphan` as never }, { $set: { expiresAt: new Date(Date.now() - 1) } });

    const ran = await withDocumentLocks(replicas[0].connection, COLLECTION, ['orphan'], async () => 'written');

    expect(whileLeased).toEqual([]);
    expect(ran).toBe('written');
    expect(await locks().countDocuments()).toBe(0);
  });

  it('releases the lock of an update that failed, so the next writer is not kept waiting', async () => {
    await replicas[0].counters.create({ _id: 'failing', value: 0, notes: [] });

    await expect(replicas[0].counters.updateOne({ _id: 'failing' }, { $inc: { notes: 1 } })).rejects.toThrow();
    await replicas[1].counters.updateOne({ _id: 'failing' }, { $inc: { value: 1 } });

    expect((await replicas[0].counters.findById('failing').lean())?.value).toBe(1);
    expect(await locks().countDocuments()).toBe(0);
  });

  it('keeps a bulk write’s updates by _id and another replica’s updates of the same documents, all of them', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `bulk-${i}`);
    await replicas[0].counters.insertMany(ids.map((_id) => ({ _id, value: 0, notes: [] })));

    await Promise.all([
      bulkWriteSafely(replicas[0].counters, ids.map((_id) => ({ updateOne: { filter: { _id }, update: { $inc: { value: 1 } } } })), { ordered: false }),
      ...ids.map((_id) => replicas[1].counters.updateOne({ _id }, { $push: { notes: 'from the other replica' } })),
    ]);

    const counters = await replicas[1].counters.find({ _id: { $in: ids } }).lean();
    expect(counters.map((counter) => [counter.value, counter.notes.length])).toEqual(ids.map(() => [1, 1]));
    expect(await locks().countDocuments()).toBe(0);
  });

  it('takes no lock for a bulk write whose caller is the only writer: it does not wait for a lock someone holds', async () => {
    await replicas[0].counters.insertMany([{ _id: 'serialised', value: 0, notes: [] }]);
    let releaseHeld = () => undefined as void;
    const held = new Promise<void>((resolve) => (releaseHeld = resolve));
    let lockTaken = () => undefined as void;
    const taken = new Promise<void>((resolve) => (lockTaken = resolve));
    const holding = withDocumentLocks(replicas[1].connection, COLLECTION, ['serialised'], async () => {
      lockTaken();
      await held;
    });
    await taken;

    const counts = await bulkWriteSafely(replicas[0].counters, [{ updateOne: { filter: { _id: 'serialised' }, update: { $inc: { value: 1 } } } }], {
      ordered: false,
      writersSerialised: true,
    });
    releaseHeld();
    await holding;

    expect(counts.modifiedCount).toBe(1);
    expect((await replicas[0].counters.findById('serialised').lean())?.value).toBe(1);
    expect(await locks().countDocuments()).toBe(0);
  });
});
