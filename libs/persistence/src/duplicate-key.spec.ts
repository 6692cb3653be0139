import { isDuplicateKey } from './duplicate-key';

describe('isDuplicateKey', () => {
  it('recognises MongoDB’s code and FerretDB’s unique violation on update, nothing else', () => {
    expect(isDuplicateKey({ code: 11000, message: 'E11000 duplicate key error' })).toBe(true);
    expect(isDuplicateKey(new Error('ERROR: duplicate key value violates unique constraint "units_idx" (SQLSTATE 23505)'))).toBe(true);
    expect(isDuplicateKey(new Error('connection reset'))).toBe(false);
    expect(isDuplicateKey({ code: 2 })).toBe(false);
  });
});
