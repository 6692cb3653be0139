import { INestApplication } from '@nestjs/common';
import { AUTHORIZATION_TABLE } from './authorization-table';
import { testToken } from './test-service';

/**
 * Who acts on real records: the district's admin, the admin of one unit's subtree, a member of that unit, and an
 * admin of another district naming this district's records. The columns of every row of a target table, in this order.
 */
export const TARGET_CALLERS = ['district-admin', 'unit-admin', 'member', 'admin-of-another-district'] as const;
export type TargetCaller = (typeof TARGET_CALLERS)[number];

/**
 * Which record a request names: `inside` the unit admin's subtree (another member's, for the member), `outside` it
 * (in the same district), or the member's `own` (inside the subtree too).
 */
export const TARGETS = ['inside', 'outside', 'own'] as const;
export type Target = (typeof TARGETS)[number];

/** The status each caller gets, one per TARGET_CALLERS column. */
export type TargetStatuses = readonly [number, number, number, number];

export interface TargetRow {
  /** The concrete path, with `{name}` for the ids of the target's records (e.g. `/units/{unit}`). */
  path: string;
  body?: Record<string, unknown> | ((ids: Record<string, string>) => Record<string, unknown>);
  expect: Partial<Record<Target, TargetStatuses>>;
}

/** Rows keyed `METHOD /route/:param` as the router names the route, with ` (what differs)` when one route has several rows. */
export type TargetTable = Record<string, TargetRow>;

/** The records a service was seeded with, per target, by the names its table's paths use; and the district's claims. */
export interface TargetFixture {
  district: string;
  /** The unit the unit admin administers (the root of its subtree), and the member's own id (a member of that subtree). */
  subtreeRoot: string;
  memberId: string;
  records: Record<Target, Record<string, string>>;
  /** Words only this district's records hold (names, titles): no answer to another district may carry any of them. */
  secrets: string[];
}

export async function targetTokens(fixture: TargetFixture): Promise<Record<TargetCaller, string>> {
  const { district } = fixture;
  return {
    'district-admin': await testToken({ sub: 'target-district-admin', district, roles: ['district-admin'], units: [] }),
    'unit-admin': await testToken({ sub: 'target-unit-admin', district, roles: ['unit-admin'], units: [fixture.subtreeRoot] }),
    member: await testToken({ sub: 'target-member', district, roles: ['member'], units: [], memberId: fixture.memberId }),
    'admin-of-another-district': await testToken({ sub: 'target-stranger', district: `${district}-other`, roles: ['district-admin'], units: [] }),
  };
}

function fill(path: string, ids: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in ids)) throw new Error(`the fixture has no ${name} for ${path}`);
    return encodeURIComponent(ids[name]);
  });
}

/** Whether a row's key names this route: `GET /units/:id` matches `GET /units/:id` and `GET /units/:id (a case)`. */
export function routeOfRow(key: string): string {
  return key.replace(/ \(.*\)$/, '');
}

/**
 * Sends every cell of the table (row × target × caller, callers in column order) and lists each one that answers other
 * than declared, and any answer to another district that is a 2xx or carries one of the fixture's secrets (inside the
 * district, a refusal may name the unit it concerns).
 */
export async function runTargetMatrix(app: INestApplication, table: TargetTable, fixture: TargetFixture): Promise<{ cells: number; mismatches: string[] }> {
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const tokens = await targetTokens(fixture);
  const mismatches: string[] = [];
  let cells = 0;
  for (const [key, row] of Object.entries(table)) {
    const method = key.split(' ')[0];
    for (const target of TARGETS) {
      const statuses = row.expect[target];
      if (!statuses) continue;
      const ids = fixture.records[target];
      const body = typeof row.body === 'function' ? row.body(ids) : row.body;
      for (const [column, caller] of TARGET_CALLERS.entries()) {
        const response = await fetch(`${baseUrl}${fill(row.path, ids)}`, {
          method,
          headers: { Authorization: `Bearer ${tokens[caller]}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        });
        const text = await response.text();
        cells += 1;
        const cell = `${key} on ${target} as ${caller}`;
        if (response.status !== statuses[column]) mismatches.push(`${cell}: expected ${statuses[column]}, answered ${response.status} ${text.slice(0, 200)}`);
        if (caller !== 'admin-of-another-district') continue;
        if (response.ok) mismatches.push(`${cell}: another district was answered ${response.status}`);
        const leaked = fixture.secrets.filter((secret) => text.includes(secret));
        if (leaked.length) mismatches.push(`${cell}: the refusal to another district carries ${leaked.join(', ')}`);
      }
    }
  }
  return { cells, mismatches };
}

/** The target matrix of one service as a jest case: seeded by `seed`, every cell as the table declares. */
export function targetMatrixCases(service: keyof typeof AUTHORIZATION_TABLE, table: TargetTable, app: () => INestApplication, seed: () => Promise<TargetFixture>): void {
  describe(`${service}: the authorization matrix on real records`, () => {
    it('names only routes of the authorization table', () => {
      expect(Object.keys(table).map(routeOfRow).filter((route) => !(route in AUTHORIZATION_TABLE[service]))).toEqual([]);
    });

    it('answers every caller on records inside and outside the subtree, their own and another district’s as the table declares', async () => {
      const fixture = await seed();
      const report = await runTargetMatrix(app(), table, fixture);
      process.stdout.write(`${service}: target matrix of ${report.cells} cells (${Object.keys(table).length} rows x targets x ${TARGET_CALLERS.length} callers)\n`);
      expect(report.mismatches).toEqual([]);
    }, 120_000);
  });
}
