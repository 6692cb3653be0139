import { commandsOf } from './bulk-write';

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
