import { hasRole, Principal } from '@campaign/auth';

/** Which units a caller may see in their district: all of them, the subtrees under their roots, or none. */
export type UnitScope = { kind: 'district' } | { kind: 'subtrees'; roots: string[] } | { kind: 'none' };

export function unitScopeOf(principal: Principal): UnitScope {
  if (hasRole(principal, 'district-admin', 'operator')) return { kind: 'district' };
  if (hasRole(principal, 'unit-admin') && principal.units.length > 0) return { kind: 'subtrees', roots: principal.units };
  return { kind: 'none' };
}

/** A Mongo filter on a path field that restricts a query to the caller's scope; undefined when the caller sees nothing. */
export function pathFilter(scope: UnitScope, pathField: string): Record<string, unknown> | undefined {
  if (scope.kind === 'district') return {};
  if (scope.kind === 'subtrees') return { [pathField]: { $in: scope.roots } };
  return undefined;
}

export function isWithinScope(scope: UnitScope, path: readonly string[]): boolean {
  if (scope.kind === 'district') return true;
  if (scope.kind === 'subtrees') return path.some((unitId) => scope.roots.includes(unitId));
  return false;
}

/** Writers: district admins everywhere in their district, unit admins inside their subtrees; operators only read. */
export function canWriteUnitPath(principal: Principal, path: readonly string[]): boolean {
  if (hasRole(principal, 'district-admin')) return true;
  return hasRole(principal, 'unit-admin') && path.some((unitId) => principal.units.includes(unitId));
}
