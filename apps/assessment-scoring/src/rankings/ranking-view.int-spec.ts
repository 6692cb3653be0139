import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { MemberLeft, MemberTransferred, MemberUpdated } from '@campaign/contracts';
import { activeMember, eventually, startTestService, testServiceEnv, uniqueDatabase } from '@campaign/testing';
import { caller, Caller, EventFeed, model } from '../../test/support';
import { AppModule } from '../app.module';
import { ORG_MEMBER, ORG_UNIT } from '@campaign/org-read-model';
import { CampaignView, MemberView, UnitView } from '../integration-events/read-model.schemas';
import { LedgerLine } from '../ledger/ledger-line.schema';
import { StandingsService } from '../standings/standings.service';
import { RankingKey, RankingView } from './ranking-view';

// Two replicas of scoring on one database: they share the durable consumer (each org event is handled by one of
// them), and each keeps its own ranking view and name cache, which must hear what the other one wrote.
const database = uniqueDatabase('ranking_view');
const district = `d-${randomUUID().slice(0, 8)}`;
const campaignId = 'c-view';
const school = ['u-root', 'u-school-1'];
const otherSchool = ['u-root', 'u-school-2'];
const replicas: INestApplication[] = [];
const callers: Caller[] = [];
let feed: EventFeed;

const unitMembers = (unitId: string): RankingKey => ({ district, campaignId, period: 'campaign', scope: 'member', unitId });

/** Lines as the scoring pipeline writes them, applied to the standings by the first replica. */
async function score(entries: Array<{ memberId: string; unitId: string; points: number }>): Promise<void> {
  const [writer] = replicas;
  const inserted = await model<LedgerLine>(writer, 'LedgerLine').insertMany(
    entries.map(({ memberId, unitId, points }) => ({
      district,
      campaignId,
      sourceEventId: randomUUID(),
      ruleKey: 'study@v1',
      ruleId: 'study',
      kind: 'rule',
      schemeVersion: 1,
      indicatorId: 'study',
      subjectType: 'member',
      subjectId: memberId,
      unitId,
      systemIds: [],
      explanation: 'collective study',
      occurredAt: new Date('2026-11-25T02:00:00Z'),
      recordedAt: new Date('2026-11-25T02:00:00Z'),
      day: '2026-11-25',
      week: '2026-W48',
      month: '2026-11',
      year: '2026',
      points,
    })),
  );
  await writer.get(StandingsService).apply(inserted.map((line) => line.toObject() as LedgerLine));
}

/** The first page of a unit's member ranking on one replica, as `subjectId:name:points`. */
async function ranking(replica: number, unitId: string): Promise<string[]> {
  const response = await callers[replica].get(`/campaigns/${campaignId}/rankings?scope=unit-members&scopeId=${unitId}&period=campaign`).expect(200);
  return response.body.entries.map((entry: { subjectId: string; subjectName: string | null; points: number }) => `${entry.subjectId}:${entry.subjectName}:${entry.points}`);
}

/** Reads a ranking on both replicas until each holds it in memory. */
async function heldOnBoth(unitId: string): Promise<void> {
  for (const [index, replica] of replicas.entries()) {
    await eventually(async () => {
      await ranking(index, unitId);
      expect(replica.get(RankingView).holds(unitMembers(unitId))).toBe(true);
    });
  }
}

beforeAll(async () => {
  for (let index = 0; index < 2; index += 1) {
    const replica = await startTestService(AppModule, testServiceEnv(database, { RECONCILE_INTERVAL_MS: '0' }));
    replicas.push(replica);
    callers.push(await caller(replica, { sub: 'admin', district, roles: ['district-admin'] }));
  }
  feed = await EventFeed.connect(district);
  const [first] = replicas;
  await model<CampaignView>(first, 'CampaignView').create({ district, campaignId, name: '创先争优', stage: 'operation', stageChangedAt: new Date() });
  for (const path of [['u-root'], school, otherSchool]) {
    const unitId = path[path.length - 1];
    await model<UnitView>(first, ORG_UNIT).create({ _id: `${district}|${unitId}`, district, unitId, name: unitId, parentId: path[path.length - 2] ?? null, path, systemIds: [], status: 'active', revision: 1 });
  }
  for (const [memberId, name, path] of [['m-zhang', '张伟', school], ['m-li', '李娟', school], ['m-wang', '王芳', otherSchool]] as const) {
    const { unitId, unitPath, isLeader, isKeyPost, status, revision } = activeMember(memberId, name, [...path]);
    await model<MemberView>(first, ORG_MEMBER).create({ _id: `${district}|${memberId}`, district, memberId, name, unitId, unitPath, isLeader, isKeyPost, status, leftOn: null, revision });
  }
  await score([
    { memberId: 'm-zhang', unitId: 'u-school-1', points: 2 },
    { memberId: 'm-li', unitId: 'u-school-1', points: 3 },
    { memberId: 'm-wang', unitId: 'u-school-2', points: 4 },
  ]);
});

afterAll(async () => {
  await feed?.close();
  for (const replica of replicas) await replica.close();
});

describe('rankings held in each replica’s memory', () => {
  it('serves a score change written by one replica fresh on the other, from memory', async () => {
    await heldOnBoth('u-school-1');
    await score([{ memberId: 'm-zhang', unitId: 'u-school-1', points: 5 }]);
    for (const index of [0, 1]) await eventually(async () => expect(await ranking(index, 'u-school-1')).toEqual(['m-zhang:张伟:7', 'm-li:李娟:3']));
    // Applied to what each held, not read again.
    expect(replicas.map((replica) => replica.get(RankingView).holds(unitMembers('u-school-1')))).toEqual([true, true]);
  });

  it('moves a transferred member between the units’ rankings on both replicas', async () => {
    await heldOnBoth('u-school-1');
    await heldOnBoth('u-school-2');
    await feed.publish(MemberTransferred, { member: activeMember('m-li', '李娟', otherSchool, { revision: 2 }), fromUnitId: 'u-school-1', toUnitId: 'u-school-2', effectiveAt: '2026-11-26' });
    for (const index of [0, 1]) {
      await eventually(async () => {
        expect(await ranking(index, 'u-school-1')).toEqual(['m-zhang:张伟:7']);
        expect(await ranking(index, 'u-school-2')).toEqual(['m-wang:王芳:4', 'm-li:李娟:3']);
      });
    }
  });

  it('shows a renamed member’s new name and takes a leaver off the rankings on both replicas', async () => {
    await heldOnBoth('u-school-2');
    await feed.publish(MemberUpdated, { member: activeMember('m-wang', '王芳芳', otherSchool, { revision: 2 }) });
    await feed.publish(MemberLeft, { member: activeMember('m-li', '李娟', otherSchool, { status: 'left', leftAt: '2026-11-27', revision: 3 }), reason: 'left', effectiveAt: '2026-11-27' });
    for (const index of [0, 1]) await eventually(async () => expect(await ranking(index, 'u-school-2')).toEqual(['m-wang:王芳芳:4']));
  });
});
