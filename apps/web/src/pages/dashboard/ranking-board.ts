import { api } from '../../api/client';
import type { RankingPage, Unit } from '../../api/types';

export type BoardScope = { kind: 'district' } | { kind: 'system'; systemId: string } | { kind: 'subtree'; unitId: string };

const WHOLE_BOARD = 500;

/**
 * How one page of a board is read: the district's and a system's boards are ranked by the service; a subtree's is
 * the district board restricted to the subtree's units, ranked again among themselves (equal points share a rank).
 */
export function boardQuery(campaignId: string, scope: BoardScope, units: Unit[], page: number, pageSize: number): () => Promise<RankingPage> {
  const base = `/campaigns/${campaignId}/rankings?period=campaign`;
  if (scope.kind === 'district') return () => api<RankingPage>('assessment-scoring', `${base}&scope=district-units&page=${page}&pageSize=${pageSize}`);
  if (scope.kind === 'system') return () => api<RankingPage>('assessment-scoring', `${base}&scope=system-units&scopeId=${scope.systemId}&page=${page}&pageSize=${pageSize}`);
  const inSubtree = new Set(units.filter((unit) => unit.path.includes(scope.unitId)).map((unit) => unit.unitId));
  return async () => {
    const whole = await api<RankingPage>('assessment-scoring', `${base}&scope=district-units&page=1&pageSize=${WHOLE_BOARD}`);
    const ranked = rerank(whole.entries.filter((entry) => inSubtree.has(entry.subjectId)));
    return { ...whole, scope: 'subtree-units', scopeId: scope.unitId, page, pageSize, total: ranked.length, entries: ranked.slice((page - 1) * pageSize, page * pageSize) };
  };
}

/** Competition ranking (1, 2, 2, 4) of entries already sorted by points, highest first. */
export function rerank(entries: { subjectId: string; points: number }[]): { subjectId: string; points: number; rank: number }[] {
  return entries.map((entry, index) => ({
    ...entry,
    rank: index > 0 && entries[index - 1].points === entry.points ? entries.findIndex((other) => other.points === entry.points) + 1 : index + 1,
  }));
}
