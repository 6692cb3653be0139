import { childPath, isInsideSubtree, rebasePath } from './unit-paths';

describe('unit paths', () => {
  it('a child path is the parent path followed by the child', () => {
    expect(childPath(['root', 'town'], 'school')).toEqual(['root', 'town', 'school']);
    expect(childPath(null, 'root')).toEqual(['root']);
  });

  it('rebases a descendant onto the moved unit’s new path, keeping what lies below the moved unit', () => {
    expect(rebasePath(['root', 'a', 'moved', 'x', 'y'], 'moved', ['root', 'b', 'c', 'moved'])).toEqual(['root', 'b', 'c', 'moved', 'x', 'y']);
    expect(rebasePath(['root', 'a', 'moved'], 'moved', ['root', 'moved'])).toEqual(['root', 'moved']);
  });

  it('refuses to rebase a path that is not below the moved unit', () => {
    expect(() => rebasePath(['root', 'other'], 'moved', ['root', 'moved'])).toThrow(/does not pass through/);
  });

  it('detects a move into the unit’s own subtree', () => {
    expect(isInsideSubtree(['root', 'moved', 'child'], 'moved')).toBe(true);
    expect(isInsideSubtree(['root', 'sibling'], 'moved')).toBe(false);
  });
});
