import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import mongoose from 'mongoose';
import { SERVICES, ServiceName, startInfrastructure, startPlatform } from '@campaign/testing';
import { PlatformClient } from '../platform/client';
import { LOCAL_AUTH_SECRET } from '../platform/dev-tokens';
import { measureJetStreamPublish, measureStoreBulkInsert } from './raw-limits';

const root = resolve(__dirname, '../..');
const HR_ROWS = Number(process.env.BENCH_HR_ROWS ?? 100_000);
const RANKED_MEMBERS = Number(process.env.BENCH_RANKED_MEMBERS ?? 100_000);
const RANKING_QUERIES = 200;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** `npm run bench`: raw limits of this machine, then the platform's figures against them, in one run. */
async function main(): Promise<void> {
  const infrastructure = await startInfrastructure();
  const results: Record<string, unknown> = { machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) }, at: new Date().toISOString() };
  try {
    console.log('raw limits…');
    const nats = await measureJetStreamPublish(infrastructure.natsUrl, 50_000);
    const store = await measureStoreBulkInsert(infrastructure.mongoUrl('bench_raw'), 100_000);
    results.raw = { jetStreamPublishPerSecond: Math.round(nats.perSecond), storeBulkInsertPerSecond: Math.round(store.perSecond) };

    console.log('starting the services…');
    const platform = await startPlatform({ infrastructure, authSecret: LOCAL_AUTH_SECRET, logLevel: 'warn', services: ['org-registry', 'assessment-scoring'] });
    const urls = Object.fromEntries(SERVICES.filter((s) => s === 'org-registry' || s === 'assessment-scoring').map((s) => [s, platform.url(s)])) as Record<ServiceName, string>;
    const district = 'bench-district';
    const admin = await PlatformClient.as(urls, { sub: 'bench', district, roles: ['district-admin'], units: [] });
    try {
      console.log(`ranking query over ${RANKED_MEMBERS} member standings…`);
      // The standings are written straight into the service's store: this measures the query, not the pipeline.
      const scoring = await mongoose.createConnection(infrastructure.mongoUrl('campaign_assessment_scoring'), { retryWrites: false }).asPromise();
      const units = 200;
      for (let offset = 0; offset < RANKED_MEMBERS; offset += 5_000) {
        await scoring.collection('standings').insertMany(
          Array.from({ length: Math.min(5_000, RANKED_MEMBERS - offset) }, (_, i) => ({
            district,
            campaignId: 'bench-campaign',
            period: 'campaign',
            scope: 'member',
            subjectId: `m-${offset + i}`,
            unitId: `u-${(offset + i) % units}`,
            points: (offset + i) % 97,
            lines: 1,
          })),
          { ordered: false },
        );
      }
      await scoring.close();
      const latencies: number[] = [];
      for (let i = 0; i < RANKING_QUERIES; i += 1) {
        const started = performance.now();
        await admin.get('assessment-scoring', `/campaigns/bench-campaign/rankings?scope=unit-members&scopeId=u-${i % units}&period=campaign&page=1&pageSize=20`);
        latencies.push(performance.now() - started);
      }
      latencies.sort((a, b) => a - b);
      results.ranking = { members: RANKED_MEMBERS, units, queries: RANKING_QUERIES, p50Ms: +percentile(latencies, 50).toFixed(1), p99Ms: +percentile(latencies, 99).toFixed(1), targetP99Ms: 50 };

      console.log(`HR import of ${HR_ROWS} members…`);
      await admin.post('org-registry', '/units', { name: '区委', kind: 'district-committee', code: 'ROOT' });
      await admin.put('org-registry', '/import/mappings/bench', { format: 'csv', columns: { externalId: 'id', name: 'name', unit: 'unit' }, unitReference: 'code' });
      const csv = ['id,name,unit', ...Array.from({ length: HR_ROWS }, (_, i) => `HR-${i},成员${i},ROOT`)].join('\n');
      const started = performance.now();
      const report = await admin.call<{ created: { count: number }; rejected: { count: number } }>('org-registry', 'POST', '/import/members?mapping=bench&dryRun=false', csv, 'text/csv');
      const seconds = (performance.now() - started) / 1_000;
      results.hrImport = { rows: HR_ROWS, created: report.created.count, rejected: report.rejected.count, seconds: +seconds.toFixed(1), targetSeconds: 60, rowsPerSecond: Math.round(HR_ROWS / seconds) };
    } finally {
      await platform.stop();
    }
  } finally {
    await infrastructure.stop();
  }
  results.notMeasured = 'attendance → standings throughput and p50/p99 end-to-end latency at half load: not yet scripted';
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results/latest.json'), JSON.stringify(results, null, 2));
  const raw = results.raw as { jetStreamPublishPerSecond: number; storeBulkInsertPerSecond: number };
  const hr = results.hrImport as { seconds: number; rowsPerSecond: number };
  const ranking = results.ranking as { p50Ms: number; p99Ms: number };
  const slower = Math.min(raw.jetStreamPublishPerSecond, raw.storeBulkInsertPerSecond);
  console.table([
    { figure: 'JetStream publish, pipelined (raw limit)', value: `${raw.jetStreamPublishPerSecond} msg/s`, against: '' },
    { figure: 'store bulk insert (raw limit)', value: `${raw.storeBulkInsertPerSecond} docs/s`, against: '' },
    { figure: `HR import, ${HR_ROWS} members`, value: `${hr.seconds} s`, against: `${Math.round((100 * hr.rowsPerSecond) / slower)} % of the slower raw limit; target ≤ 60 s` },
    { figure: `ranking query over ${RANKED_MEMBERS} members`, value: `p50 ${ranking.p50Ms} ms, p99 ${ranking.p99Ms} ms`, against: 'target p99 ≤ 50 ms' },
  ]);
  console.log('written to bench-results/latest.json');
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`);
  process.exit(1);
});
