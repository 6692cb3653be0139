import { readFileSync } from 'node:fs';
import { Collection, Connection } from 'mongoose';
import { Platform, ServiceName } from '@campaign/testing';
import { standingId } from '../../apps/assessment-scoring/src/standings/standing-targets';
import { PlatformClient, waitFor } from '../platform/client';
import { launchDemoCampaign, Member, membersOf } from '../platform/scenario';

/** Special meetings (专题会议) score exactly one ledger line per present member under the demo scheme's `meetings` rule. */
const ACTIVITY_KIND = 'special-meeting';
const ROOT_UNIT_CODE = 'QW';
const PROGRESS_POLL_MS = 250;
const VISIBILITY_POLL_MS = 20;
const STALL_TIMEOUT_MS = 300_000;
const SAMPLE_TIMEOUT_MS = 120_000;
const CONCURRENT_READS = 20;

export interface PipelineDistrict {
  admin: PlatformClient;
  district: string;
  campaignId: string;
  rootUnitId: string;
  members: Member[];
  standings: Collection<StandingDocument>;
}

export interface PipelineThroughput {
  rows: number;
  reflected: number;
  bulkRequestRows: number;
  ingestSeconds: number;
  ingestPerSecond: number;
  seconds: number;
  perSecond: number;
  peakRssMiB: Partial<Record<ServiceName, number>>;
}

export interface PipelineLatency {
  targetPerSecond: number;
  achievedPerSecond: number;
  samples: number;
  timedOut: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

interface StandingDocument {
  _id: string;
  lines: number;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The demo district of the source document with a campaign in operation, its members known to activity-records. */
export async function preparePipelineDistrict(admin: PlatformClient, district: string, scoringStore: Connection): Promise<PipelineDistrict> {
  const seed = await admin.post<{ unitIds: Record<string, string> }>('org-registry', '/admin/seed/demo');
  const rootUnitId = seed.unitIds[ROOT_UNIT_CODE];
  const campaign = await launchDemoCampaign(admin);
  const members = await membersOf(admin, rootUnitId);
  for (const member of members) {
    await waitFor(`activity-records to know ${member.memberId}`, () => admin.get('activity-records', `/org/members/${member.memberId}`).then(() => true));
  }
  return { admin, district, campaignId: campaign._id, rootUnitId, members, standings: scoringStore.collection<StandingDocument>('standings') };
}

async function scheduleMeetings(context: PipelineDistrict, count: number, label: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const activity = await context.admin.post<{ _id: string }>('activity-records', '/activities', {
      campaignId: context.campaignId,
      kind: ACTIVITY_KIND,
      title: `区委专题会议（${label} ${i + 1}）`,
      organiserUnitId: context.rootUnitId,
      startsAt: new Date(Date.now() - (60 + i) * 60_000).toISOString(),
    });
    ids.push(activity._id);
  }
  return ids;
}

/** A campaign standing's `_id`, the scoring service's natural key; the district's counts every member line applied. */
function campaignStandingId(context: PipelineDistrict, scope: 'district' | 'member', subjectId: string): string {
  return standingId(context.district, context.campaignId, 'campaign', scope, subjectId);
}

/** Reads a standing by `_id`: the one filter FerretDB 1.x answers from an index rather than a scan. */
async function linesOf(standings: Collection<StandingDocument>, id: string): Promise<number> {
  const standing = await standings.findOne({ _id: id }, { projection: { lines: 1 } });
  return standing?.lines ?? 0;
}

function residentMiB(pid: number | undefined): number {
  if (!pid) return 0;
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : 0;
}

/**
 * Records `rows` present rows through activity-records' bulk attendance API, one request per meeting (at most
 * every member), back to back, and counts the rows reflected in the district's campaign standing, read in the
 * scoring store: throughput is rows from the first request until the last row is in the standings.
 */
export async function measurePipelineThroughput(context: PipelineDistrict, platform: Platform, rows: number): Promise<PipelineThroughput> {
  const perMeeting = context.members.length;
  const meetings = await scheduleMeetings(context, Math.ceil(rows / perMeeting), 'throughput');
  const districtTotal = campaignStandingId(context, 'district', context.district);
  const before = await linesOf(context.standings, districtTotal);
  const peakRssMiB: Partial<Record<ServiceName, number>> = {};
  const sampleRss = () => {
    for (const instance of platform.instances) peakRssMiB[instance.service] = Math.max(peakRssMiB[instance.service] ?? 0, residentMiB(instance.process.pid));
  };

  const started = performance.now();
  let ingestSeconds = 0;
  let ingestFailure: Error | undefined;
  const ingest = (async () => {
    for (let offset = 0, meeting = 0; offset < rows; offset += perMeeting, meeting += 1) {
      const batch = context.members.slice(0, Math.min(perMeeting, rows - offset)).map((member) => ({ memberId: member.memberId, status: 'present' }));
      await context.admin.post('activity-records', `/activities/${meetings[meeting]}/attendance/bulk`, { rows: batch });
    }
    ingestSeconds = (performance.now() - started) / 1_000;
  })().catch((error: Error) => {
    ingestFailure = error;
  });

  let reflected = 0;
  let lastProgress = performance.now();
  while (reflected < rows) {
    await sleep(PROGRESS_POLL_MS);
    sampleRss();
    const now = (await linesOf(context.standings, districtTotal)) - before;
    if (now > reflected) lastProgress = performance.now();
    reflected = now;
    if (ingestFailure) throw ingestFailure;
    if (performance.now() - lastProgress > STALL_TIMEOUT_MS) break;
  }
  const seconds = (performance.now() - started) / 1_000;
  await ingest;
  if (reflected < rows) throw new Error(`the pipeline stalled: ${reflected} of ${rows} rows in the standings after ${seconds.toFixed(0)} s`);
  return {
    rows,
    reflected,
    bulkRequestRows: perMeeting,
    ingestSeconds: +ingestSeconds.toFixed(1),
    ingestPerSecond: Math.round(rows / ingestSeconds),
    seconds: +seconds.toFixed(1),
    perSecond: +(rows / seconds).toFixed(2),
    peakRssMiB,
  };
}

/**
 * Records single attendances (one PUT each) at a steady `perSecond`, and times each from its request until the
 * member's campaign standing, polled by `_id` in the scoring store, has counted it.
 */
export async function measureEndToEndLatency(context: PipelineDistrict, perSecond: number, samples: number): Promise<PipelineLatency> {
  const held: Array<{ member: Member; id: string; lines: number }> = [];
  for (let offset = 0; offset < context.members.length; offset += CONCURRENT_READS) {
    const chunk = context.members.slice(offset, offset + CONCURRENT_READS).map(async (member) => {
      const id = campaignStandingId(context, 'member', member.memberId);
      return { member, id, lines: await linesOf(context.standings, id) };
    });
    held.push(...(await Promise.all(chunk)));
  }
  const standings = held.filter((standing) => standing.lines > 0);
  if (standings.length === 0) throw new Error('no member has a campaign standing yet: run the throughput step first');
  const meetings = await scheduleMeetings(context, Math.ceil(samples / standings.length), 'latency');
  const expected = new Map(standings.map((standing) => [standing.id, standing.lines]));

  const latencies: number[] = [];
  let timedOut = 0;
  let failure: Error | undefined;
  const interval = 1_000 / perSecond;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < samples; i += 1) {
    const due = started + i * interval;
    if (due > performance.now()) await sleep(due - performance.now());
    const { member, id } = standings[i % standings.length];
    const target = (expected.get(id) ?? 0) + 1;
    expected.set(id, target);
    const meeting = meetings[Math.floor(i / standings.length)];
    inFlight.push(
      (async () => {
        const sent = performance.now();
        await context.admin.call('activity-records', 'PUT', `/activities/${meeting}/attendance/${member.memberId}`, { status: 'present' });
        while ((await linesOf(context.standings, id)) < target) {
          if (performance.now() - sent > SAMPLE_TIMEOUT_MS) {
            timedOut += 1;
            return;
          }
          await sleep(VISIBILITY_POLL_MS);
        }
        latencies.push(performance.now() - sent);
      })().catch((error: Error) => {
        failure ??= error;
      }),
    );
  }
  const sendingSeconds = (performance.now() - started) / 1_000;
  await Promise.all(inFlight);
  if (failure) throw failure;
  latencies.sort((a, b) => a - b);
  return {
    targetPerSecond: +perSecond.toFixed(2),
    achievedPerSecond: samples > 1 ? +((samples - 1) / sendingSeconds).toFixed(2) : 0,
    samples: latencies.length,
    timedOut,
    p50Ms: Math.round(percentile(latencies, 50)),
    p99Ms: Math.round(percentile(latencies, 99)),
    maxMs: Math.round(latencies[latencies.length - 1] ?? 0),
  };
}
