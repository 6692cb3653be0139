import type { Unit } from '../../api/types';

export interface TreeRow {
  unit: Unit;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
}

/**
 * The rows of the tree as shown: roots, then the children of each expanded unit. A search shows every unit whose
 * name matches, with its ancestors, all expanded.
 */
export function visibleTree(units: Unit[], expanded: ReadonlySet<string>, search: string): TreeRow[] {
  const children = new Map<string | null, Unit[]>();
  const ids = new Set(units.map((unit) => unit.unitId));
  for (const unit of units) {
    const parent = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null;
    const siblings = children.get(parent);
    if (siblings) siblings.push(unit);
    else children.set(parent, [unit]);
  }
  const term = search.trim();
  const shown = term ? new Set(units.filter((unit) => unit.name.includes(term)).flatMap((unit) => unit.path)) : null;
  const rows: TreeRow[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const unit of children.get(parent) ?? []) {
      if (shown && !shown.has(unit.unitId)) continue;
      const isOpen = shown ? true : expanded.has(unit.unitId);
      const hasChildren = (children.get(unit.unitId)?.length ?? 0) > 0;
      rows.push({ unit, depth, hasChildren, expanded: isOpen && hasChildren });
      if (isOpen) walk(unit.unitId, depth + 1);
    }
  };
  walk(null, 0);
  return rows;
}
