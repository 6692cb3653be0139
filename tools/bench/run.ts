import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import mongoose, { Connection } from 'mongoose';
import { Principal } from '@campaign/auth';
import { standingId } from '@campaign/contracts';
import { districtKey } from '@campaign/persistence';
import { Platform, SERVICES, ServiceName, startInfrastructure, startPlatform } from '@campaign/testing';
import { PlatformClient } from '../platform/client';
import { devToken, LOCAL_AUTH_SECRET } from '../platform/dev-tokens';
import { measureEndToEndLatency, measurePipelineThroughput, percentile, PipelineLatency, PipelineThroughput, preparePipelineDistrict } from './pipeline';
import { measureJetStreamPublish, measureStoreBulkInsert } from './raw-limits';

const root = resolve(__dirname, '../..');

function size(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${process.env[name]}`);
  return value;
}

const SIZES = {
  rawMessages: size('BENCH_RAW_MESSAGES', 50_000),
  rawDocuments: size('BENCH_RAW_DOCUMENTS', 100_000),
  attendanceRows: size('BENCH_ATTENDANCE_ROWS', 20_000),
  latencySamples: size('BENCH_LATENCY_SAMPLES', 100),
  rankedMembers: size('BENCH_RANKED_MEMBERS', 100_000),
  rankingQueries: size('BENCH_RANKING_QUERIES', 2_000),
  hrRows: size('BENCH_HR_ROWS', 100_000),
};
/** Which platform figures to take (the raw limits are always measured, since every ratio is against them). */
const STEPS = new Set((process.env.BENCH_STEPS ?? 'pipeline,ranking,hr-import').split(',').map((step) => step.trim()));
const BENCH_SERVICES: ServiceName[] = ['org-registry', 'activity-records', 'assessment-scoring'];
const RANKING_UNITS = 200;
const RANKING_PAGE_SIZE = 20;
const TARGETS = { pipelinePerSecond: 2_000, pipelineShareOfSlowerRawLimit: 0.5, ingestPerSecond: 5_000, latencyP99Ms: 300, hrImportSeconds: 60, rankingP99Ms: 50 };
/** The light load at which latency is also measured: a few check-ins a second. */
const LIGHT_LOAD_PER_SECOND = 5;
const LIGHT_LOAD_SAMPLES = 50;
const READ_MODEL_POLL_MS = 500;
const READ_MODEL_STALL_MS = 60_000;

interface RawLimits {
  jetStreamPublishPerSecond: number;
  storeBulkInsertPerSecond: number;
}

interface ReadTimes {
  reads: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The machine's 1-minute load average when the reads were done. */
  load: number;
}

interface RankingFigure {
  members: number;
  units: number;
  /** The first read of each unit's ranking: the replica's ranking view and name cache hold nothing of it yet. */
  first: ReadTimes;
  /** Reads spread over the units as viewers would make them, once each unit has been read. */
  repeated: ReadTimes;
}

interface HrImportFigure {
  rows: number;
  created: number;
  rejected: number;
  seconds: number;
  rowsPerSecond: number;
  /** From the request until every enrolment is in that service's member read model; null when it stopped growing. */
  readModelSeconds: { activityRecords: number | null; scoring: number | null };
}

type Outcome<T> = T | { failed: string };

async function attempt<T>(what: string, step: () => Promise<T>): Promise<Outcome<T>> {
  console.log(`${what}…`);
  try {
    return await step();
  } catch (error) {
    console.error(`  ${what} failed: ${(error as Error).message}`);
    return { failed: (error as Error).message };
  }
}

function succeeded<T extends object>(outcome: Outcome<T> | undefined): outcome is T {
  return outcome !== undefined && !('failed' in outcome);
}

/**
 * Member standings written straight into the scoring store across 200 units, with the read models that name them (this
 * measures the query, not the pipeline), then first pages of unit rankings read through the API one after another:
 * first each unit once (the replica's ranking view and name cache hold nothing of it: the standings by indexed
 * equalities, the page's names by `_id`), then reads spread over the units as viewers make them (from memory).
 */
async function measureRanking(scoringStore: Connection, admin: PlatformClient): Promise<RankingFigure> {
  const [district, campaignId, period] = ['bench-ranking', 'bench-campaign', 'campaign'];
  const standings = Array.from({ length: SIZES.rankedMembers }, (_, i) => ({
    _id: standingId(district, campaignId, period, 'member', `m-${i}`),
    district,
    campaignId,
    period,
    scope: 'member',
    subjectId: `m-${i}`,
    unitId: `u-${i % RANKING_UNITS}`,
    points: i % 97,
    lines: 1,
  }));
  for (let offset = 0; offset < standings.length; offset += 5_000) {
    await scoringStore.collection<{ _id: string }>('standings').insertMany(standings.slice(offset, offset + 5_000), { ordered: false });
  }
  // Scoring's read models as the events of activity-records and org-registry fill them: a ranking answers 404 for a
  // campaign or unit it does not know, and names each member of a page from the member read model.
  const now = new Date();
  await scoringStore.collection('campaigns').insertOne({ district, campaignId, name: 'bench', stage: 'operation', stageChangedAt: now, createdAt: now, updatedAt: now });
  const units = Array.from({ length: RANKING_UNITS }, (_, u) => ({ _id: districtKey(district, `u-${u}`), district, unitId: `u-${u}`, name: `单位${u}`, parentId: null, path: [`u-${u}`], systemIds: [], status: 'active', revision: 1 }));
  await scoringStore.collection<{ _id: string }>('units').insertMany(units, { ordered: false });
  for (let offset = 0; offset < SIZES.rankedMembers; offset += 5_000) {
    const members = Array.from({ length: Math.min(5_000, SIZES.rankedMembers - offset) }, (_, k) => {
      const i = offset + k;
      return { _id: districtKey(district, `m-${i}`), district, memberId: `m-${i}`, name: `党员${i}`, unitId: `u-${i % RANKING_UNITS}`, unitPath: [`u-${i % RANKING_UNITS}`], isLeader: false, isKeyPost: false, status: 'active', leftOn: null, revision: 1 };
    });
    await scoringStore.collection<{ _id: string }>('members').insertMany(members, { ordered: false });
  }
  const readUnits = async (units: number[]): Promise<ReadTimes> => {
    const latencies: number[] = [];
    for (const unit of units) {
      const started = performance.now();
      await admin.get('assessment-scoring', `/campaigns/${campaignId}/rankings?scope=unit-members&scopeId=u-${unit}&period=${period}&page=1&pageSize=${RANKING_PAGE_SIZE}`);
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    const [p50Ms, p99Ms, maxMs] = [percentile(latencies, 50), percentile(latencies, 99), latencies[latencies.length - 1]].map(Math.round);
    return { reads: units.length, p50Ms, p99Ms, maxMs, load: +loadavg()[0].toFixed(2) };
  };
  const first = await readUnits(Array.from({ length: RANKING_UNITS }, (_, unit) => unit));
  // Viewers pick units in no order (a fixed seed, so every run reads the same sequence).
  let seed = 13;
  const nextUnit = () => (seed = (seed * 48_271) % 2_147_483_647) % RANKING_UNITS;
  const repeated = await readUnits(Array.from({ length: SIZES.rankingQueries }, nextUnit));
  return { members: SIZES.rankedMembers, units: RANKING_UNITS, first, repeated };
}

/** A POST that waits as long as the server takes: fetch gives up after 300 s without response headers. */
function postWithoutTimeout<T>(url: string, token: string, body: string, contentType: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const call = request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType, 'content-length': Buffer.byteLength(body) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((response.statusCode ?? 500) >= 400) reject(new Error(`POST ${url} → ${response.statusCode}: ${text.slice(0, 500)}`));
        else resolve(JSON.parse(text) as T);
      });
      response.on('error', reject);
    });
    call.on('error', reject);
    call.end(body);
  });
}

/** How many documents a collection holds: FerretDB counts a whole collection without reading its documents. */
const countOf = (store: Connection, collection: string) => store.collection(collection).estimatedDocumentCount();

/** Polls until `count()` reaches `target`; gives up when it has not grown for a while. Returns seconds since `started`. */
async function secondsUntil(count: () => Promise<number>, target: number, started: number): Promise<number | null> {
  let last = -1;
  let lastGrowth = performance.now();
  for (;;) {
    const now = await count();
    if (now >= target) return +((performance.now() - started) / 1_000).toFixed(1);
    if (now > last) [last, lastGrowth] = [now, performance.now()];
    if (performance.now() - lastGrowth > READ_MODEL_STALL_MS) return null;
    await new Promise((resolve) => setTimeout(resolve, READ_MODEL_POLL_MS));
  }
}

/**
 * One CSV of new members posted to org-registry, timed until its response; then until every MemberEnrolled it
 * published has reached activity-records' and scoring's member read models (both counted from the same start).
 */
async function measureHrImport(urls: Record<ServiceName, string>, readModels: { activityRecords: Connection; scoring: Connection }): Promise<HrImportFigure> {
  const principal: Principal = { sub: 'bench', district: 'bench-hr', roles: ['district-admin'], units: [] };
  const admin = await PlatformClient.as(urls, principal);
  await admin.post('org-registry', '/units', { name: '区委', kind: 'district-committee', code: 'ROOT' });
  await admin.put('org-registry', '/import/mappings/bench', { format: 'csv', columns: { externalId: 'id', name: 'name', unit: 'unit' }, unitReference: 'code' });
  const csv = ['id,name,unit', ...Array.from({ length: SIZES.hrRows }, (_, i) => `HR-${i},成员${i},ROOT`)].join('\n');
  const token = await devToken(principal);
  const [activityBefore, scoringBefore] = [await countOf(readModels.activityRecords, 'org_members'), await countOf(readModels.scoring, 'members')];
  const started = performance.now();
  const report = await postWithoutTimeout<{ created: { count: number }; rejected: { count: number } }>(
    `${urls['org-registry']}/import/members?mapping=bench&dryRun=false`,
    token,
    csv,
    'text/csv',
  );
  const seconds = (performance.now() - started) / 1_000;
  const created = report.created.count;
  const [activityRecordsSeconds, scoringSeconds] = await Promise.all([
    secondsUntil(() => countOf(readModels.activityRecords, 'org_members'), activityBefore + created, started),
    secondsUntil(() => countOf(readModels.scoring, 'members'), scoringBefore + created, started),
  ]);
  return {
    rows: SIZES.hrRows,
    created,
    rejected: report.rejected.count,
    seconds: +seconds.toFixed(1),
    rowsPerSecond: Math.round(SIZES.hrRows / seconds),
    readModelSeconds: { activityRecords: activityRecordsSeconds, scoring: scoringSeconds },
  };
}

interface Results {
  at: string;
  machine: { cpus: number; model: string | undefined; memoryGiB: number; node: string; loadAverageBefore: number[]; loadAverageAfter?: number[] };
  store: string;
  sizes: typeof SIZES;
  method: Record<string, string>;
  raw?: Outcome<RawLimits>;
  pipeline?: Outcome<PipelineThroughput>;
  latency?: Outcome<PipelineLatency>;
  latencyAtLightLoad?: Outcome<PipelineLatency>;
  ranking?: Outcome<RankingFigure>;
  hrImport?: Outcome<HrImportFigure>;
}

const percent = (share: number) => `${(100 * share).toFixed(share < 0.1 ? 2 : 1)} %`;
const thousands = (value: number) => value.toLocaleString('en-US');

function tableOf(results: Results): string[][] {
  const raw = succeeded(results.raw) ? results.raw : undefined;
  const slower = raw ? Math.min(raw.jetStreamPublishPerSecond, raw.storeBulkInsertPerSecond) : undefined;
  const slowerLabel = raw && slower ? `${thousands(slower)}/s (${slower === raw.storeBulkInsertPerSecond ? 'store' : 'JetStream'})` : '—';
  const failed = (outcome: { failed: string } | undefined) => (outcome ? `failed: ${outcome.failed}` : 'not run (BENCH_STEPS)');
  const rows: string[][] = [['figure', 'value', 'target', 'raw limit', 'ratio', 'met']];
  rows.push(['JetStream publish, pipelined, with message ids (raw limit)', raw ? `${thousands(raw.jetStreamPublishPerSecond)} msg/s` : failed(results.raw as { failed: string }), '', '', '', '']);
  rows.push(['store bulk insert, unordered batches of 1,000 (raw limit)', raw ? `${thousands(raw.storeBulkInsertPerSecond)} docs/s` : '', '', '', '', '']);
  const pipeline = results.pipeline;
  if (succeeded(pipeline)) {
    const ratios = raw ? `${percent(pipeline.perSecond / raw.storeBulkInsertPerSecond)} of the store's, ${percent(pipeline.perSecond / raw.jetStreamPublishPerSecond)} of JetStream's` : '';
    rows.push([
      `attendance → standings, ${thousands(pipeline.rows)} rows`,
      `${thousands(pipeline.perSecond)} rows/s`,
      `≥ ${thousands(TARGETS.pipelinePerSecond)} rows/s (later ≥ ${percent(TARGETS.pipelineShareOfSlowerRawLimit)} of ${slowerLabel})`,
      slowerLabel,
      ratios,
      pipeline.perSecond >= TARGETS.pipelinePerSecond ? 'yes' : 'no',
    ]);
    rows.push([
      `  of which HTTP bulk ingest (${pipeline.bulkRequestRows} rows a request)`,
      `${thousands(pipeline.ingestPerSecond)} rows/s`,
      `≥ ${thousands(TARGETS.ingestPerSecond)} rows/s`,
      slowerLabel,
      slower ? percent(pipeline.ingestPerSecond / slower) : '',
      pipeline.ingestPerSecond >= TARGETS.ingestPerSecond ? 'yes' : 'no',
    ]);
  } else rows.push(['attendance → standings', failed(pipeline), '', '', '', '']);
  const latency = results.latency;
  if (succeeded(latency)) {
    rows.push([
      `end-to-end latency at half load (${latency.achievedPerSecond} rows/s, ${latency.samples} samples)`,
      `p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms`,
      `p99 ≤ ${TARGETS.latencyP99Ms} ms`,
      '',
      '',
      latency.p99Ms <= TARGETS.latencyP99Ms && latency.timedOut === 0 ? 'yes' : 'no',
    ]);
  } else rows.push(['end-to-end latency at half load', failed(latency), '', '', '', '']);
  const light = results.latencyAtLightLoad;
  if (succeeded(light)) {
    rows.push([`&nbsp;&nbsp;at a light load (${light.achievedPerSecond} rows/s, ${light.samples} samples)`, `p50 ${light.p50Ms} ms, p99 ${light.p99Ms} ms`, '', '', '', '']);
  } else if (light) rows.push(['  at a light load', failed(light), '', '', '', '']);
  const hr = results.hrImport;
  if (succeeded(hr)) {
    rows.push([
      `HR import, ${thousands(hr.rows)} members`,
      `${hr.seconds} s (${thousands(hr.rowsPerSecond)} rows/s)`,
      `≤ ${TARGETS.hrImportSeconds} s`,
      slowerLabel,
      slower ? percent(hr.rowsPerSecond / slower) : '',
      hr.seconds <= TARGETS.hrImportSeconds && hr.created === hr.rows ? 'yes' : 'no',
    ]);
    const reached = (seconds: number | null) => (seconds === null ? 'stalled' : `${seconds} s`);
    rows.push(['  until every enrolment is in the read models', `activity-records ${reached(hr.readModelSeconds.activityRecords)}, scoring ${reached(hr.readModelSeconds.scoring)}`, '', '', '', '']);
  } else rows.push(['HR import', failed(hr), '', '', '', '']);
  const ranking = results.ranking;
  if (succeeded(ranking)) {
    const times = ({ p50Ms, p99Ms, load }: ReadTimes) => `p50 ${p50Ms} ms, p99 ${p99Ms} ms (load ${load})`;
    rows.push([
      `ranking query over ${thousands(ranking.members)} members, ${thousands(ranking.repeated.reads)} reads spread over ${ranking.units} units`,
      times(ranking.repeated),
      `p99 ≤ ${TARGETS.rankingP99Ms} ms`,
      '',
      '',
      ranking.repeated.p99Ms <= TARGETS.rankingP99Ms ? 'yes' : 'no',
    ]);
    rows.push([`  first read of each unit (${ranking.first.reads}; nothing held in memory yet)`, times(ranking.first), '', '', '', '']);
  } else rows.push(['ranking query', failed(ranking), '', '', '', '']);
  return rows;
}

function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log(`\n${line(rows[0])}\n| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`);
  for (const row of rows.slice(1)) console.log(line(row));
}

/** `npm run bench`: raw limits of this machine, then the platform's figures against them, in one run. */
async function main(): Promise<void> {
  const results: Results = {
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverageBefore: loadavg().map((load) => +load.toFixed(2)) },
    store: process.env.MONGO_URL ? 'MongoDB (MONGO_URL)' : 'FerretDB 1.24 on PostgreSQL',
    sizes: SIZES,
    method: {
      pipeline: 'present rows of special meetings (one ledger line each under the demo scheme) posted to activity-records in bulk, one meeting a request; counted when the district campaign standing in the scoring store, read by _id, has them',
      latency: 'single PUT attendance requests at half the measured throughput, then at 5 a second; each timed until a scoring.score.changed event of the member, followed on NATS, announces its line',
      ranking:
        'member standings and the member/unit read models inserted straight into the scoring store across 200 units; first pages of 20 of a unit-members ranking read through the API one after another: each unit once (first reads), then reads of units in a fixed pseudo-random order (repeated reads)',
      hrImport: 'one CSV of new members posted to org-registry /import/members; timed until the response, then until the member read models of activity-records and scoring hold every enrolment',
    },
  };
  console.log(`sizes: ${JSON.stringify(SIZES)}`);
  const infrastructure = await startInfrastructure({ purpose: 'bench' });
  let platform: Platform | undefined;
  let scoringStore: Connection | undefined;
  try {
    results.raw = await attempt('raw limits', async () => {
      const nats = await measureJetStreamPublish(infrastructure.natsUrl, SIZES.rawMessages);
      const store = await measureStoreBulkInsert(infrastructure.mongoUrl('bench_raw'), SIZES.rawDocuments);
      return { jetStreamPublishPerSecond: Math.round(nats.perSecond), storeBulkInsertPerSecond: Math.round(store.perSecond) };
    });

    console.log('starting the services…');
    const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean);
    const running = await startPlatform({ infrastructure, authSecret: LOCAL_AUTH_SECRET, logLevel: 'warn', services: BENCH_SERVICES, nodeArgs });
    platform = running;
    const urls = Object.fromEntries(SERVICES.filter((service) => BENCH_SERVICES.includes(service)).map((service) => [service, running.url(service)])) as Record<ServiceName, string>;
    const store = await mongoose.createConnection(infrastructure.mongoUrl('campaign_assessment_scoring'), { retryWrites: false }).asPromise();
    scoringStore = store;
    const admin = (district: string) => PlatformClient.as(urls, { sub: 'bench', district, roles: ['district-admin'], units: [] });

    const district = STEPS.has('pipeline')
      ? await attempt('seeding the demo district and launching its campaign', async () => preparePipelineDistrict(await admin('bench-district'), 'bench-district', store))
      : undefined;
    if (succeeded(district)) {
      results.pipeline = await attempt(`attendance → standings throughput, ${SIZES.attendanceRows} rows`, () => measurePipelineThroughput(district, running, SIZES.attendanceRows));
      const pipeline = results.pipeline;
      if (succeeded(pipeline)) {
        results.latency = await attempt(`end-to-end latency at ${(pipeline.perSecond / 2).toFixed(2)} rows/s`, () =>
          measureEndToEndLatency(district, infrastructure.natsUrl, pipeline.perSecond / 2, SIZES.latencySamples),
        );
        // What one event's path costs when nothing queues ahead of it, beside the target's load.
        results.latencyAtLightLoad = await attempt(`end-to-end latency at ${LIGHT_LOAD_PER_SECOND} rows/s`, () =>
          measureEndToEndLatency(district, infrastructure.natsUrl, LIGHT_LOAD_PER_SECOND, LIGHT_LOAD_SAMPLES),
        );
      }
    } else if (district) results.pipeline = district;
    if (STEPS.has('ranking')) results.ranking = await attempt(`ranking query over ${SIZES.rankedMembers} member standings`, async () => measureRanking(store, await admin('bench-ranking')));
    if (STEPS.has('hr-import')) {
      const activityRecords = await mongoose.createConnection(infrastructure.mongoUrl('campaign_activity_records')).asPromise();
      results.hrImport = await attempt(`HR import of ${SIZES.hrRows} members`, () => measureHrImport(urls, { activityRecords, scoring: store }));
      await activityRecords.close();
    }
  } finally {
    await scoringStore?.close();
    await platform?.stop();
    await infrastructure.stop();
  }
  results.machine.loadAverageAfter = loadavg().map((load) => +load.toFixed(2));
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results/latest.json'), JSON.stringify(results, null, 2));
  printTable(tableOf(results));
  console.log(`\nload average before ${results.machine.loadAverageBefore.join(' ')}, after ${results.machine.loadAverageAfter.join(' ')}; written to bench-results/latest.json`);
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`);
  process.exit(1);
});
