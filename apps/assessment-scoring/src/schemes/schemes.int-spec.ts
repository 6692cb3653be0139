import mongoose, { Connection, Model } from 'mongoose';
import { uniqueDatabase } from '@campaign/testing';
import { AuditService } from '../audit/audit.service';
import { SCHEME_VERSION, SchemeVersionDocument, schemeVersionSchema } from './scheme.schema';
import { SchemesService } from './schemes.service';

const DISTRICT = 'district-a';
const CAMPAIGN = 'campaign-1';

let connection: Connection;
let versions: Model<SchemeVersionDocument>;
const audit = { record: async () => undefined } as unknown as AuditService;

beforeAll(async () => {
  const url = new URL(process.env.TEST_MONGO_BASE_URL as string);
  url.pathname = `/${uniqueDatabase('scheme_versions')}`;
  connection = await mongoose.createConnection(url.toString()).asPromise();
  versions = connection.model<SchemeVersionDocument>(SCHEME_VERSION, schemeVersionSchema);
  await versions.init();
});

afterAll(() => connection?.close());

beforeEach(() => versions.deleteMany({ district: DISTRICT }));

/** What another replica's save leaves in the store. */
function saved(version: number, effectiveFrom: string, reason: string) {
  return versions.create({ district: DISTRICT, campaignId: CAMPAIGN, version, effectiveFrom, reason, indicators: [{ id: 'meetings', name: '会议', rules: [] }], savedBy: 'admin' });
}

describe('scheme versions held by a replica', () => {
  it('scores with a version another replica saved as soon as it is in the store', async () => {
    const replica = new SchemesService(versions, audit);
    await saved(1, '2026-03-01', '实施方案');
    expect((await replica.inForce(DISTRICT, CAMPAIGN, '2026-11-30'))?.version).toBe(1);

    await saved(2, '2026-11-01', '调整细则');

    expect((await replica.inForce(DISTRICT, CAMPAIGN, '2026-11-30'))?.version).toBe(2);
    expect((await replica.inForce(DISTRICT, CAMPAIGN, '2026-10-31'))?.version).toBe(1);
    expect((await replica.allVersions(DISTRICT, CAMPAIGN)).map((version) => version.reason)).toEqual(['实施方案', '调整细则']);
  });

  it('reads the versions again when the store holds other documents under the same numbers (a restored backup)', async () => {
    const replica = new SchemesService(versions, audit);
    await saved(1, '2026-03-01', '实施方案');
    expect((await replica.inForce(DISTRICT, CAMPAIGN, '2026-11-30'))?.reason).toBe('实施方案');

    await versions.deleteMany({ district: DISTRICT });
    await saved(1, '2026-04-01', '恢复的方案');

    expect((await replica.inForce(DISTRICT, CAMPAIGN, '2026-11-30'))?.reason).toBe('恢复的方案');
    expect(await replica.inForce(DISTRICT, CAMPAIGN, '2026-03-15')).toBeUndefined();
  });

  it('finds a first version saved after the replica saw the campaign without one', async () => {
    const replica = new SchemesService(versions, audit);
    expect(await replica.inForce(DISTRICT, CAMPAIGN, '2026-11-30')).toBeUndefined();

    await saved(1, '2026-03-01', '实施方案');

    expect((await replica.inForce(DISTRICT, CAMPAIGN, '2026-11-30'))?.version).toBe(1);
  });
});
