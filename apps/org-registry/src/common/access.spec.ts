import { Principal } from '@campaign/auth';
import { canWriteUnitPath, isWithinScope, pathFilter, unitScopeOf } from './access';

const principal = (roles: Principal['roles'], units: string[] = [], memberId?: string): Principal => ({ sub: 'u', district: 'd1', roles, units, memberId });

describe('access rules', () => {
  it('a district admin (and an operator, read-only) sees the whole district', () => {
    expect(unitScopeOf(principal(['district-admin']))).toEqual({ kind: 'district' });
    expect(unitScopeOf(principal(['operator']))).toEqual({ kind: 'district' });
    expect(pathFilter(unitScopeOf(principal(['district-admin'])), 'path')).toEqual({});
  });

  it('a unit admin sees their subtrees only, by path', () => {
    const scope = unitScopeOf(principal(['unit-admin'], ['town-a']));
    expect(scope).toEqual({ kind: 'subtrees', roots: ['town-a'] });
    expect(pathFilter(scope, 'unitPath')).toEqual({ unitPath: { $in: ['town-a'] } });
    expect(isWithinScope(scope, ['root', 'town-a', 'school'])).toBe(true);
    expect(isWithinScope(scope, ['root', 'town-b'])).toBe(false);
    expect(isWithinScope(scope, ['root'])).toBe(false);
  });

  it('a member, or a unit admin without units, sees no units', () => {
    expect(pathFilter(unitScopeOf(principal(['member'], [], 'm1')), 'path')).toBeUndefined();
    expect(unitScopeOf(principal(['unit-admin']))).toEqual({ kind: 'none' });
  });

  it('only admins write, unit admins inside their subtrees, operators never', () => {
    expect(canWriteUnitPath(principal(['district-admin']), ['root'])).toBe(true);
    expect(canWriteUnitPath(principal(['unit-admin'], ['town-a']), ['root', 'town-a', 'x'])).toBe(true);
    expect(canWriteUnitPath(principal(['unit-admin'], ['town-a']), ['root', 'town-b'])).toBe(false);
    expect(canWriteUnitPath(principal(['operator']), ['root'])).toBe(false);
    expect(canWriteUnitPath(principal(['member'], [], 'm1'), ['root'])).toBe(false);
  });
});
