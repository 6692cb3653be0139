import mongoose, { Schema } from 'mongoose';
import { defaultSchemaOptions, isInternalField, withoutInternalFields } from './schema-options';

const schema = new Schema(
  {
    _id: String,
    title: String,
    history: { type: [{ _id: false, status: String, at: Date }], default: [] },
    _outbox: { type: [{ _id: false, eventId: String, envelope: String }], default: [] },
    _outboxAt: { type: Date, default: null },
    _outboxSeq: { type: Number, default: 0 },
  },
  { ...defaultSchemaOptions, bufferCommands: false },
);
const Plan = mongoose.model('SchemaOptionsPlan', schema);

describe('default schema options', () => {
  const draft = () =>
    new Plan({
      _id: 'plan-1',
      title: '盈口乡实施意见',
      history: [{ status: 'draft', at: new Date('2026-03-02T01:00:00Z') }],
      _outbox: [{ eventId: 'e-1', envelope: '{}' }],
      _outboxAt: new Date('2026-03-02T01:00:00Z'),
      _outboxSeq: 1,
    });

  it('keeps the outbox out of toObject and toJSON, and every other field in', () => {
    for (const shown of [draft().toObject(), draft().toJSON(), JSON.parse(JSON.stringify(draft()))]) {
      expect(Object.keys(shown).sort()).toEqual(['_id', 'history', 'title']);
      expect(shown.title).toBe('盈口乡实施意见');
    }
  });

  it('still stores the outbox: saving converts with internal options that skip the transform', () => {
    const stored = (draft() as unknown as { toBSON(): Record<string, unknown> }).toBSON();
    expect(stored._outboxSeq).toBe(1);
    expect(stored._outbox).toEqual([{ eventId: 'e-1', envelope: '{}' }]);
  });

  it('cleans plain (lean) results at any depth, leaving dates and ids alone', () => {
    const at = new Date('2026-11-23T00:00:00Z');
    const objectId = new mongoose.Types.ObjectId();
    const lean = { _id: 'a', __v: 3, at, ref: objectId, items: [{ _id: 'b', _outboxSeq: 2, name: '区教育局' }], nested: { _lock: 'x', kept: null } };
    expect(withoutInternalFields(lean)).toEqual({ _id: 'a', at, ref: objectId, items: [{ _id: 'b', name: '区教育局' }], nested: { kept: null } });
    expect(withoutInternalFields(lean).at).toBe(at);
  });

  it('names what is internal', () => {
    expect(['__v', '_outbox', '_outboxAt', '_outboxSeq'].every(isInternalField)).toBe(true);
    expect(['_id', 'district', 'revision', 'status'].some(isInternalField)).toBe(false);
  });
});
