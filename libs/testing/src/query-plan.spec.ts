import { summarisePlan } from './query-plan';

const ferretdb = { serverInfo: { ferretdbVersion: 'v1.24.2' } };

describe('summarisePlan', () => {
  it('reads FerretDB’s PostgreSQL plan: a bitmap index scan is an index, a sequential scan reads everything', () => {
    const indexed = {
      ...ferretdb,
      filterPushdown: true,
      queryPlanner: { Plan: { 'Node Type': 'Bitmap Heap Scan', Plans: [{ 'Node Type': 'Bitmap Index Scan', 'Index Name': 'standings_1_gin' }] } },
    };
    expect(summarisePlan(indexed)).toEqual({ indexes: ['standings_1_gin'], scansCollection: false });
    const scanned = { ...ferretdb, filterPushdown: true, queryPlanner: { Plan: { 'Node Type': 'Gather', Plans: [{ 'Node Type': 'Seq Scan' }] } } };
    expect(summarisePlan(scanned)).toEqual({ indexes: [], scansCollection: true });
  });

  it('counts a filter FerretDB did not push down as a scan whatever PostgreSQL did', () => {
    expect(summarisePlan({ ...ferretdb, filterPushdown: false, queryPlanner: { Plan: { 'Node Type': 'Index Scan', 'Index Name': 'x' } } }).scansCollection).toBe(true);
  });

  it('reads MongoDB’s winning and rejected plans', () => {
    const explain = { queryPlanner: { winningPlan: { stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName: 'district_1_activityId_1' } }, rejectedPlans: [] } };
    expect(summarisePlan(explain)).toEqual({ indexes: ['district_1_activityId_1'], scansCollection: false });
    expect(summarisePlan({ queryPlanner: { winningPlan: { stage: 'COLLSCAN' } } }).scansCollection).toBe(true);
  });
});
