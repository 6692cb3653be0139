import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Page, Unit } from '../api/types';

const PAGE = 500;

/** Every unit the caller may see (the district for its admin, the managed subtrees for a unit admin), page by page. */
export async function allUnits(): Promise<Unit[]> {
  const units: Unit[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await api<Page<Unit>>('org-registry', `/units?status=active&limit=${PAGE}&offset=${offset}`);
    units.push(...page.items);
    if (units.length >= page.total || page.items.length === 0) return units;
  }
}

export function useUnits() {
  return useQuery({ queryKey: ['units'], queryFn: allUnits, staleTime: 5 * 60_000 });
}

/** The units at the top of what the caller sees: the district committee, or a unit admin's subtree roots. */
export function rootsOf(units: Unit[]): Unit[] {
  const ids = new Set(units.map((unit) => unit.unitId));
  return units.filter((unit) => !unit.parentId || !ids.has(unit.parentId));
}
