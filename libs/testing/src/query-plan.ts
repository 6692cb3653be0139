import { eventually } from './test-service';
/** How a store answered a query, from its `explain` output (MongoDB's query planner or FerretDB's PostgreSQL plan). */
export interface QueryPlanSummary {
  /** Indexes the plan reads (MongoDB: IXSCAN stages; FerretDB: PostgreSQL index scans). */
  indexes: string[];
  /** The plan reads a whole collection (MongoDB: COLLSCAN; FerretDB: a sequential scan, or no filter pushed down). */
  scansCollection: boolean;
}

type PlanNode = Record<string, unknown>;

function walk(node: unknown, visit: (node: PlanNode) => void): void {
  if (Array.isArray(node)) node.forEach((child) => walk(child, visit));
  else if (node && typeof node === 'object') {
    visit(node as PlanNode);
    Object.values(node).forEach((child) => walk(child, visit));
  }
}

export function summarisePlan(explain: Record<string, unknown>): QueryPlanSummary {
  const indexes = new Set<string>();
  let scansCollection = false;
  if ('ferretdbVersion' in ((explain.serverInfo as object | undefined) ?? {})) {
    walk(explain.queryPlanner, (node) => {
      const type = node['Node Type'];
      if (typeof type === 'string' && /Index/.test(type) && typeof node['Index Name'] === 'string') indexes.add(node['Index Name']);
      if (type === 'Seq Scan') scansCollection = true;
    });
    if (explain.filterPushdown === false) scansCollection = true;
  } else {
    walk(explain.queryPlanner, (node) => {
      if (node.stage === 'IXSCAN' && typeof node.indexName === 'string') indexes.add(node.indexName);
      if (node.stage === 'COLLSCAN') scansCollection = true;
      if (node.stage === 'IDHACK' || node.stage === 'EXPRESS_IXSCAN') indexes.add('_id_');
    });
  }
  return { indexes: [...indexes], scansCollection };
}

/**
 * Inserts `documents` through `model` (its indexes created first) and waits until the store answers `query` from an
 * index: on FerretDB the index mirror adds its GIN indexes in passes, so the first plans may still scan.
 */
export async function indexedPlanOf(
  model: { init(): Promise<unknown>; collection: { insertMany(docs: object[]): Promise<unknown> } },
  documents: object[],
  query: () => { explain(): Promise<unknown> },
): Promise<QueryPlanSummary> {
  await model.init();
  await model.collection.insertMany(documents);
  return eventually(
    async () => {
      const plan = summarisePlan((await query().explain()) as Record<string, unknown>);
      if (plan.scansCollection || plan.indexes.length === 0) throw new Error(`the query is not answered from an index: ${JSON.stringify(plan)}`);
      return plan;
    },
    { timeoutMs: 30_000, intervalMs: 250 },
  );
}
