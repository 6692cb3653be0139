import mongoose, { Schema } from 'mongoose';
import { byDistrictKey, districtKey, tenantPlugin, UnscopedQueryError } from './tenant.plugin';

// Without a connection and without buffering, a query that passes the plugin fails at once for want of a server.
const schema = new Schema({ _id: String, title: String }, { bufferCommands: false });
schema.plugin(tenantPlugin);
const Record = mongoose.model('TenantPluginRecord', schema);

/** Whether the plugin let the query through (it then fails for want of a server, not for its scope). */
async function passesScopeCheck(query: mongoose.Query<unknown, unknown>): Promise<boolean> {
  try {
    await query.exec();
    return true;
  } catch (error) {
    return !(error instanceof UnscopedQueryError);
  }
}

describe('tenant scoping', () => {
  it('leads a natural key with its district', () => {
    expect(districtKey('tiexi', 'campaign-1', 'attendance:a-1')).toBe('tiexi|campaign-1|attendance:a-1');
  });

  it('refuses a query that names no district, and accepts one by district key', async () => {
    expect(await passesScopeCheck(Record.findOne({ title: '学习' }))).toBe(false);
    expect(await passesScopeCheck(Record.findOne({ district: 'tiexi', title: '学习' }))).toBe(true);
    expect(await passesScopeCheck(Record.findOne({ _id: districtKey('tiexi', 'k') }))).toBe(false);
    expect(await passesScopeCheck(byDistrictKey(Record.findOne({ _id: districtKey('tiexi', 'k') })))).toBe(true);
  });

  it('takes only a district key as the _id of a query scoped by its key', () => {
    expect(() => byDistrictKey(Record.findOne({ _id: 'k' }))).toThrow(/district key/);
    expect(() => byDistrictKey(Record.findOne({ title: '学习' }))).toThrow(/district key/);
  });
});
