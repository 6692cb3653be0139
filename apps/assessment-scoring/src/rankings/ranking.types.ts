import { Ranked } from '../rules/ranking';

/** Units across the district, units within a system, units below a unit (a township's branches), members within a unit. */
export const RANKING_SCOPES = ['district-units', 'system-units', 'subtree-units', 'unit-members'] as const;
export type RankingScope = (typeof RANKING_SCOPES)[number];

export interface RankingQuery {
  campaignId: string;
  /** `campaign`, `2026-W48` or `2026-11`. */
  period: string;
  scope: RankingScope;
  /** The system (system-units) or unit (subtree-units, unit-members). */
  scopeId?: string;
  /** 1-based. */
  page: number;
  pageSize: number;
  /** Ranks campaign totals from the ledger as they stood at the end of this instant instead of the live standings. */
  asOf?: Date;
}

export interface RankingPage {
  campaignId: string;
  period: string;
  scope: RankingScope;
  scopeId: string | null;
  asOf: string | null;
  total: number;
  page: number;
  pageSize: number;
  /** Each with its subject's name beside its id (null while the read model does not know it). */
  entries: Array<Ranked & { subjectName: string | null }>;
}
