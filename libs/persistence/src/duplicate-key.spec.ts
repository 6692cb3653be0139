import { duplicateKeyCount, isDuplicateKey, onlyDuplicateKeys } from './duplicate-key';

describe('isDuplicateKey', () => {
  it('recognises MongoDB’s code and FerretDB’s unique violation on update, nothing else', () => {
    expect(isDuplicateKey({ code: 11000, message: 'E11000 duplicate key error' })).toBe(true);
    expect(isDuplicateKey(new Error('ERROR: duplicate key value violates unique constraint "units_idx" (SQLSTATE 23505)'))).toBe(true);
    expect(isDuplicateKey(new Error('connection reset'))).toBe(false);
    expect(isDuplicateKey({ code: 2 })).toBe(false);
  });
});

describe('duplicateKeyCount and onlyDuplicateKeys', () => {
  const duplicate = { code: 11000, errmsg: 'E11000 duplicate key error' };

  it('count the failed writes of a bulk write when every one was a duplicate key, as a list or one alone', () => {
    expect(duplicateKeyCount({ writeErrors: [duplicate, { err: { index: 3, code: 11000 } }] })).toBe(2);
    expect(duplicateKeyCount({ writeErrors: duplicate })).toBe(1);
    expect(onlyDuplicateKeys({ writeErrors: [duplicate] })).toBe(true);
  });

  it('answer null and false when any write failed otherwise, none failed, or the error is not a bulk write’s', () => {
    expect(duplicateKeyCount({ writeErrors: [duplicate, { code: 121, errmsg: 'Document failed validation' }] })).toBeNull();
    expect(duplicateKeyCount({ writeErrors: [] })).toBeNull();
    expect(duplicateKeyCount(new Error('connection reset'))).toBeNull();
    expect(onlyDuplicateKeys({ writeErrors: [{ code: 121 }] })).toBe(false);
    expect(onlyDuplicateKeys(new Error('connection reset'))).toBe(false);
  });
});
