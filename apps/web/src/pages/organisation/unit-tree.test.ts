import type { Unit } from '../../api/types';
import { visibleTree } from './unit-tree';

const unit = (unitId: string, name: string, path: string[]): Unit => ({ unitId, name, kind: 'x', parentId: path.length > 1 ? path[path.length - 2] : null, path, status: 'active' });

describe('visibleTree', () => {
  const units = [unit('root', '区委', ['root']), unit('edu', '区教育局', ['root', 'edu']), unit('s1', '区第一中学', ['root', 'edu', 's1']), unit('yk', '盈口乡', ['root', 'yk'])];

  it('shows the roots, and the children of expanded units only', () => {
    expect(visibleTree(units, new Set(), '').map((row) => row.unit.unitId)).toEqual(['root']);
    expect(visibleTree(units, new Set(['root']), '').map((row) => [row.unit.unitId, row.depth])).toEqual([
      ['root', 0],
      ['edu', 1],
      ['yk', 1],
    ]);
  });

  it('finds a unit by name with its ancestors', () => {
    expect(visibleTree(units, new Set(), '中学').map((row) => row.unit.name)).toEqual(['区委', '区教育局', '区第一中学']);
  });

  it('lays out and searches a tree of 10,000 units', () => {
    const many = [unit('root', '区委', ['root']), ...Array.from({ length: 9_999 }, (_, i) => unit(`u${i}`, `单位${i}`, ['root', `u${i}`]))];
    expect(visibleTree(many, new Set(['root']), '').length).toBe(10_000);
    expect(visibleTree(many, new Set(), '单位9998').map((row) => row.unit.unitId)).toEqual(['root', 'u9998']);
  });
});
