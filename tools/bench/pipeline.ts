import { readFileSync } from 'node:fs';
import type { Msg } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { Collection, Connection } from 'mongoose';
import { EventEnvelope, PayloadOf, ScoreChanged, standingId } from '@campaign/contracts';
import { Platform, ServiceName } from '@campaign/testing';
import { PlatformClient, waitFor } from '../platform/client';
import { launchDemoCampaign, Member, membersOf } from '../platform/scenario';

/** Special meetings (专题会议) score exactly one ledger line per present member under the demo scheme's `meetings` rule. */
const ACTIVITY_KIND = 'special-meeting';
const ROOT_UNIT_CODE = 'QW';
const PROGRESS_POLL_MS = 250;
const STALL_TIMEOUT_MS = 300_000;
const SAMPLE_TIMEOUT_MS = 120_000;

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
 * Records single attendances (one PUT each) at a steady `perSecond`, and times each from its request until scoring
 * announces it: the `scoring.score.changed` events of the member, followed on NATS, count its line.
 */
export async function measureEndToEndLatency(context: PipelineDistrict, natsUrl: string, perSecond: number, samples: number): Promise<PipelineLatency> {
  const members = context.members;
  const meetings = await scheduleMeetings(context, Math.ceil(samples / members.length), 'latency');
  const announced = new Map<string, number>();
  const waiting = new Map<string, Array<{ target: number; arrived: () => void }>>();
  const nc = await connect({ servers: natsUrl });
  const subscription = nc.subscribe(ScoreChanged.subject, {
    callback: (error: Error | null, message: Msg) => {
      if (error) return;
      const event = JSON.parse(message.string()) as EventEnvelope<PayloadOf<typeof ScoreChanged>>;
      if (event.district !== context.district || event.payload.subjectType !== 'member') return;
      const memberId = event.payload.subjectId;
      const count = (announced.get(memberId) ?? 0) + event.payload.lines;
      announced.set(memberId, count);
      const pending = waiting.get(memberId) ?? [];
      for (const waiter of pending.filter((candidate) => candidate.target <= count)) waiter.arrived();
      waiting.set(memberId, pending.filter((candidate) => candidate.target > count));
    },
  });
  await nc.flush();

  const expected = new Map<string, number>();
  const latencies: number[] = [];
  let timedOut = 0;
  let failure: Error | undefined;
  const interval = 1_000 / perSecond;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  try {
    for (let i = 0; i < samples; i += 1) {
      const due = started + i * interval;
      if (due > performance.now()) await sleep(due - performance.now());
      const member = members[i % members.length];
      const target = (expected.get(member.memberId) ?? 0) + 1;
      expected.set(member.memberId, target);
      const meeting = meetings[Math.floor(i / members.length)];
      const sent = performance.now();
      const arrival = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), SAMPLE_TIMEOUT_MS);
        waiting.set(member.memberId, [...(waiting.get(member.memberId) ?? []), { target, arrived: () => (clearTimeout(timer), resolve(true)) }]);
      });
      inFlight.push(
        (async () => {
          await context.admin.call('activity-records', 'PUT', `/activities/${meeting}/attendance/${member.memberId}`, { status: 'present' });
          if (await arrival) latencies.push(performance.now() - sent);
          else timedOut += 1;
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
  } finally {
    subscription.unsubscribe();
    await nc.close();
  }
}
