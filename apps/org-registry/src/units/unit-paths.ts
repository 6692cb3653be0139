import { UnitSnapshot } from '@campaign/contracts';
import { UnitDocument } from './unit.schema';

export function childPath(parentPath: readonly string[] | null, unitId: string): string[] {
  return [...(parentPath ?? []), unitId];
}

/** The path of a unit after an ancestor `movedUnitId` has been given `movedUnitNewPath`. */
export function rebasePath(path: readonly string[], movedUnitId: string, movedUnitNewPath: readonly string[]): string[] {
  const index = path.indexOf(movedUnitId);
  if (index < 0) throw new Error(`path ${path.join('/')} does not pass through ${movedUnitId}`);
  return [...movedUnitNewPath, ...path.slice(index + 1)];
}

/** A unit cannot move below itself: the new parent must not be the unit or one of its descendants. */
export function isInsideSubtree(candidatePath: readonly string[], unitId: string): boolean {
  return candidatePath.includes(unitId);
}

export function unitSnapshotOf(unit: UnitDocument): UnitSnapshot {
  return {
    unitId: unit._id,
    name: unit.name,
    kind: unit.kind,
    parentId: unit.parentId ?? null,
    path: [...unit.path],
    systemIds: [...(unit.systemIds ?? [])],
    status: unit.status,
    revision: unit.revision,
  };
}
