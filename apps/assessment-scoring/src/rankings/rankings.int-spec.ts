import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import mongoose, { Connection, Model, Schema } from 'mongoose';
import { uniqueDatabase } from '@campaign/testing';
import { ORG_MEMBER, ORG_SYSTEM, ORG_UNIT, orgReadModelSchemas } from '@campaign/org-read-model';
import { scoringOrgReadModel } from '../integration-events/org-read-model.config';
import { MemberView, SystemView, UnitView } from '../integration-events/read-model.schemas';
import { LedgerService } from '../ledger/ledger.service';
import { UnitSystemsCache } from '../common/unit-systems-cache';
import { NameCache } from '../common/name-cache';
import { NamesService } from '../common/names.service';
import { LEDGER_LINE, LedgerLine, ledgerLineSchema } from '../ledger/ledger-line.schema';
import { STANDING, Standing, standingSchema } from '../standings/standing.schema';
import { StandingsService } from '../standings/standings.service';
import { RankingView } from './ranking-view';
import { RankingsService } from './rankings.service';
import { RankingScope } from './ranking.types';

const district = `d-${randomUUID().slice(0, 8)}`;
const NAMES: Record<string, string> = { 'u-a': '盈口乡', 'u-b': '城北街道', 'u-c': '城中街道', 'u-d': '区教育局', 'm-1': '张伟', 'm-2': '李娟', 'm-3': '王芳' };
const campaignId = 'c-rankings';
let connection: Connection;
let lines: Model<LedgerLine>;
let standings: StandingsService;
let rankings: RankingsService;

/** Lines as the scoring pipeline writes them, then applied to the standings. */
async function score(entries: Array<{ subjectType: 'member' | 'unit'; subjectId: string; unitId: string; points: number; week?: string }>): Promise<void> {
  const inserted = await lines.insertMany(
    entries.map(({ week = '2026-W48', ...entry }) => ({
      district,
      campaignId,
      sourceEventId: randomUUID(),
      ruleKey: 'plan@v1',
      ruleId: 'plan',
      kind: 'rule',
      schemeVersion: 1,
      indicatorId: 'unit-work',
      systemIds: [],
      explanation: 'plan approved',
      occurredAt: new Date('2026-11-25T02:00:00Z'),
      recordedAt: new Date('2026-11-25T02:00:00Z'),
      day: '2026-11-25',
      week,
      month: '2026-11',
      year: '2026',
      ...entry,
    })),
  );
  await standings.apply(inserted.map((line) => line.toObject() as LedgerLine));
}

const page = (scope: RankingScope, extra: { scopeId?: string; page?: number; pageSize?: number; period?: string } = {}) =>
  rankings.rank(district, { campaignId, period: 'campaign', scope, page: 1, pageSize: 50, ...extra });

beforeAll(async () => {
  const url = new URL(process.env.TEST_MONGO_BASE_URL as string);
  url.pathname = `/${uniqueDatabase('rankings')}`;
  connection = await mongoose.createConnection(url.toString()).asPromise();
  lines = connection.model<LedgerLine>(LEDGER_LINE, ledgerLineSchema);
  const standingModel = connection.model<Standing>(STANDING, standingSchema);
  const schemas = orgReadModelSchemas(scoringOrgReadModel);
  const systems = connection.model<SystemView>(ORG_SYSTEM, schemas.system as Schema);
  const members = connection.model<MemberView>(ORG_MEMBER, schemas.member);
  const config = new ConfigService({ STANDINGS_LOCK_LEASE_MS: 5_000, SCORING_UTC_OFFSET_MINUTES: 480 });
  // Announcing and publishing are not exercised here: ranking pages and movers only read.
  standings = new StandingsService(standingModel, lines, { announce: async () => undefined } as never, connection, config);
  const units = connection.model<UnitView>(ORG_UNIT, schemas.unit);
  const ledger = new LedgerService(lines, units, systems, standings, new UnitSystemsCache(100), config);
  // Views that follow no events hold nothing: every read here goes to the store.
  const names = new NamesService(units, members, systems, new NameCache(100));
  rankings = new RankingsService(systems, members, units, null as never, null as never, null as never, null as never, ledger, standings, names, new RankingView({ maxStandings: 100, maxAgeMs: 60_000 }));
  await systems.create({ _id: `${district}|s-edu`, district, systemId: 's-edu', name: '教育系统', unitIds: ['u-b', 'u-d'], revision: 1 });
  // 黄金坳镇 (u-town) with its branches u-b and u-c; u-a and u-d directly under the district committee.
  for (const path of [['u-root'], ['u-root', 'u-a'], ['u-root', 'u-town'], ['u-root', 'u-town', 'u-b'], ['u-root', 'u-town', 'u-c'], ['u-root', 'u-d']]) {
    const unitId = path[path.length - 1];
    await units.create({ _id: `${district}|${unitId}`, district, unitId, name: NAMES[unitId] ?? unitId, parentId: path[path.length - 2] ?? null, path, systemIds: [], status: 'active', revision: 1 });
  }
  for (const [memberId, unitId] of [['m-1', 'u-b'], ['m-2', 'u-b'], ['m-3', 'u-c']]) {
    await members.create({ _id: `${district}|${memberId}`, district, memberId, name: NAMES[memberId], unitId, unitPath: ['u-root', 'u-town', unitId], isLeader: false, isKeyPost: false, status: 'active', leftOn: null, revision: 1 });
  }
  await score([
    { subjectType: 'unit', subjectId: 'u-a', unitId: 'u-a', points: 10, week: '2026-W47' },
    { subjectType: 'unit', subjectId: 'u-b', unitId: 'u-b', points: 8 },
    { subjectType: 'unit', subjectId: 'u-c', unitId: 'u-c', points: 8 },
    { subjectType: 'unit', subjectId: 'u-d', unitId: 'u-d', points: 5 },
    { subjectType: 'member', subjectId: 'm-1', unitId: 'u-b', points: 2 },
    { subjectType: 'member', subjectId: 'm-2', unitId: 'u-b', points: 3 },
    { subjectType: 'member', subjectId: 'm-3', unitId: 'u-c', points: 4 },
  ]);
});

afterAll(async () => {
  await connection?.close(true);
});

describe('rankings read from the standings', () => {
  it('ranks the district’s units with ties sharing a rank and the next rank skipped', async () => {
    const ranking = await page('district-units');
    expect(ranking).toEqual(expect.objectContaining({ total: 4, asOf: null, scopeId: null }));
    expect(ranking.entries).toEqual([
      { subjectId: 'u-a', subjectName: '盈口乡', points: 10, rank: 1 },
      { subjectId: 'u-b', subjectName: '城北街道', points: 8, rank: 2 },
      { subjectId: 'u-c', subjectName: '城中街道', points: 8, rank: 2 },
      { subjectId: 'u-d', subjectName: '区教育局', points: 5, rank: 4 },
    ]);
  });

  it('ranks a later page from the whole ranking: a tie across pages keeps its rank', async () => {
    expect(await page('district-units', { page: 2, pageSize: 2 })).toEqual(
      expect.objectContaining({
        total: 4,
        page: 2,
        entries: [
          { subjectId: 'u-c', subjectName: '城中街道', points: 8, rank: 2 },
          { subjectId: 'u-d', subjectName: '区教育局', points: 5, rank: 4 },
        ],
      }),
    );
    expect(await page('district-units', { page: 3, pageSize: 2 })).toEqual(expect.objectContaining({ total: 4, entries: [] }));
  });

  it('ranks the units of a system among themselves', async () => {
    expect((await page('system-units', { scopeId: 's-edu' })).entries).toEqual([
      { subjectId: 'u-b', subjectName: '城北街道', points: 8, rank: 1 },
      { subjectId: 'u-d', subjectName: '区教育局', points: 5, rank: 2 },
    ]);
    await expect(page('system-units', { scopeId: 's-none' })).rejects.toThrow(NotFoundException);
    await expect(page('system-units')).rejects.toThrow(BadRequestException);
  });

  it('ranks the units below a unit among themselves (a township’s branches)', async () => {
    expect((await page('subtree-units', { scopeId: 'u-town' })).entries).toEqual([
      { subjectId: 'u-b', subjectName: '城北街道', points: 8, rank: 1 },
      { subjectId: 'u-c', subjectName: '城中街道', points: 8, rank: 1 },
    ]);
    expect((await page('subtree-units', { scopeId: 'u-root' })).total).toBe(4);
    expect((await rankings.rank(district, { campaignId, period: 'campaign', scope: 'subtree-units', scopeId: 'u-town', page: 1, pageSize: 10, asOf: new Date('2026-12-01T00:00:00Z') })).entries).toEqual([
      { subjectId: 'u-b', subjectName: '城北街道', points: 8, rank: 1 },
      { subjectId: 'u-c', subjectName: '城中街道', points: 8, rank: 1 },
    ]);
    await expect(page('subtree-units', { scopeId: 'u-nowhere' })).rejects.toThrow(NotFoundException);
    await expect(page('subtree-units')).rejects.toThrow(BadRequestException);
  });

  it('ranks the members of a unit, per period, and follows new lines', async () => {
    expect((await page('unit-members', { scopeId: 'u-b' })).entries.map((entry) => [entry.subjectId, entry.rank])).toEqual([
      ['m-2', 1],
      ['m-1', 2],
    ]);
    await score([{ subjectType: 'member', subjectId: 'm-1', unitId: 'u-b', points: 1.5 }]);
    expect((await page('unit-members', { scopeId: 'u-b', period: '2026-W48' })).entries).toEqual([
      { subjectId: 'm-1', subjectName: '张伟', points: 3.5, rank: 1 },
      { subjectId: 'm-2', subjectName: '李娟', points: 3, rank: 2 },
    ]);
    expect((await page('unit-members', { scopeId: 'u-c' })).entries).toEqual([{ subjectId: 'm-3', subjectName: '王芳', points: 4, rank: 1 }]);
    await expect(page('unit-members')).rejects.toThrow(BadRequestException);
  });

  it('answers an empty ranking where there are no standings, and none of another district’s', async () => {
    expect(await page('unit-members', { scopeId: 'u-a' })).toEqual(expect.objectContaining({ total: 0, entries: [] }));
    expect(await page('district-units', { period: '2026-W40' })).toEqual(expect.objectContaining({ total: 0, entries: [] }));
    expect(await rankings.rank(`d-${randomUUID()}`, { campaignId, period: 'campaign', scope: 'district-units', page: 1, pageSize: 10 })).toEqual(expect.objectContaining({ total: 0, entries: [] }));
  });

  it('lists movers between two periods from their standings', async () => {
    const moved = await rankings.movers(district, campaignId, 'district-units', undefined, '2026-W47', '2026-W48');
    // Only u-a scored in W47: the others were not on its ranking, and climb onto W48's; u-a, off W48's, falls.
    expect(moved.climbed.map((mover) => [mover.subjectId, mover.fromRank, mover.toRank, mover.change])).toEqual([
      ['u-b', null, 1, 4],
      ['u-c', null, 1, 4],
      ['u-d', null, 3, 2],
    ]);
    expect(moved.fell.map((mover) => [mover.subjectId, mover.fromRank, mover.toRank, mover.change])).toEqual([['u-a', 1, null, -4]]);
  });
});
