import { Types } from 'mongoose';
import { commandsOf, singleDocumentIds } from './bulk-write';

const isUpdate = (operation: string) => operation.startsWith('u');

describe('commandsOf', () => {
  it('keeps at most the given number of update statements per command, in order', () => {
    const operations = ['u1', 'u2', 'u3', 'u4', 'u5'];
    expect(commandsOf(operations, 2, isUpdate)).toEqual([['u1', 'u2'], ['u3', 'u4'], ['u5']]);
  });

  it('lets inserts ride along without counting them', () => {
    const operations = ['i1', 'u1', 'i2', 'i3', 'u2', 'u3', 'i4'];
    expect(commandsOf(operations, 2, isUpdate)).toEqual([['i1', 'u1', 'i2', 'i3', 'u2'], ['u3', 'i4']]);
  });

  it('sends inserts alone as one command and nothing as no command', () => {
    expect(commandsOf(['i1', 'i2', 'i3'], 1, isUpdate)).toEqual([['i1', 'i2', 'i3']]);
    expect(commandsOf([], 4, isUpdate)).toEqual([]);
  });
});

describe('singleDocumentIds', () => {
  it('names the documents updated or replaced by _id, and no others', () => {
    const objectId = new Types.ObjectId();
    const operations = [
      { updateOne: { filter: { district: 'd', _id: 'unit-1' }, update: {} } },
      { replaceOne: { filter: { _id: objectId }, replacement: {} } },
      { updateMany: { filter: { district: 'd', unitId: 'unit-1' }, update: {} } },
      { updateOne: { filter: { district: 'd', code: 'JG-JYJ' }, update: {} } },
      { insertOne: { document: { _id: 'new' } } },
    ];
    expect(singleDocumentIds(operations)).toEqual(['unit-1', objectId.toHexString()]);
  });
});
