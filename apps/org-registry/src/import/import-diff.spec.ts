import { MemberDocument } from '../members/member.schema';
import { ImportFields, MappedRow } from './column-mapping';
import { computeImportDiff } from './import-diff';

const stored = (externalId: string, overrides: Partial<MemberDocument> = {}): MemberDocument => ({
  _id: `m-${externalId}`,
  district: 'd1',
  externalId,
  name: externalId,
  unitId: 'u1',
  unitPath: ['root', 'u1'],
  posts: [],
  isLeader: false,
  isKeyPost: false,
  status: 'active',
  contacts: {},
  history: [],
  revision: 3,
  ...overrides,
});

const row = (line: number, externalId: string, overrides: Partial<ImportFields> = {}): MappedRow => ({
  line,
  ok: true,
  fields: { externalId, name: externalId, unitId: 'u1', unitPath: ['root', 'u1'], status: 'active', contacts: {}, ...overrides },
});

describe('import diff', () => {
  it('classifies each row against the stored members', () => {
    const diff = computeImportDiff(
      [
        row(2, 'new'),
        row(3, 'same'),
        row(4, 'renamed', { name: 'Renamed' }),
        row(5, 'moved', { unitId: 'u2', unitPath: ['root', 'u2'] }),
        row(6, 'retiring', { status: 'retired' }),
      ],
      [stored('same'), stored('renamed'), stored('moved'), stored('retiring')],
      'keep',
      '2026-11-25',
    );
    expect(diff.created.map((e) => e.externalId)).toEqual(['new']);
    expect(diff.unchanged.map((e) => e.externalId)).toEqual(['same']);
    expect(diff.updated).toEqual([expect.objectContaining({ externalId: 'renamed', changes: ['name'] })]);
    expect(diff.moved).toEqual([expect.objectContaining({ externalId: 'moved', fromUnitId: 'u1', toUnitId: 'u2' })]);
    expect(diff.left).toEqual([expect.objectContaining({ externalId: 'retiring', next: expect.objectContaining({ status: 'retired', leftAt: '2026-11-25' }) })]);
  });

  it('marks members missing from the file as left only under the leave policy, and never for a rejected row', () => {
    const rows: MappedRow[] = [row(2, 'kept'), { line: 3, ok: false, externalId: 'bad', field: 'unit', code: 'import.row.unknown-unit-code', params: { reference: 'X' } }];
    const existing = [stored('kept'), stored('bad'), stored('gone'), stored('already-left', { status: 'left' })];
    expect(computeImportDiff(rows, existing, 'keep', '2026-11-25').left).toEqual([]);
    const diff = computeImportDiff(rows, existing, 'leave', '2026-11-25');
    expect(diff.left.map((e) => e.externalId)).toEqual(['gone']);
    expect(diff.rejected).toEqual([{ line: 3, externalId: 'bad', field: 'unit', code: 'import.row.unknown-unit-code', params: { reference: 'X' } }]);
  });

  it('rejects a repeated external id with the line of its first occurrence', () => {
    const diff = computeImportDiff([row(2, 'a'), row(5, 'a')], [], 'keep', '2026-11-25');
    expect(diff.created).toHaveLength(1);
    expect(diff.rejected).toEqual([{ line: 5, externalId: 'a', field: 'externalId', code: 'import.row.duplicate', params: { line: 2 } }]);
  });

  it('keeps stored values of unmapped fields and treats empty contact cells as clearing them', () => {
    const current = stored('x', { posts: ['书记'], isLeader: true, contacts: { email: 'old@x.cn', phone: '123' } });
    const diff = computeImportDiff([row(2, 'x', { contacts: { email: undefined } })], [current], 'keep', '2026-11-25');
    expect(diff.updated[0].next).toMatchObject({ posts: ['书记'], isLeader: true, contacts: { phone: '123' } });
    expect(diff.updated[0].changes).toEqual(['contacts']);
  });

  it('refuses a userName another member already holds', () => {
    const diff = computeImportDiff([row(2, 'x', { userName: 'taken' })], [stored('x'), stored('y', { userName: 'taken' })], 'keep', '2026-11-25');
    expect(diff.rejected).toEqual([{ line: 2, externalId: 'x', field: 'userName', code: 'import.row.user-name-taken', params: { userName: 'taken' } }]);
  });

  it('compares user names case-insensitively, as SCIM does', () => {
    const diff = computeImportDiff([row(2, 'x', { userName: 'Taken@XZ.cn' })], [stored('x'), stored('y', { userName: 'taken@xz.cn' })], 'keep', '2026-11-25');
    expect(diff.rejected).toEqual([{ line: 2, externalId: 'x', field: 'userName', code: 'import.row.user-name-taken', params: { userName: 'Taken@XZ.cn' } }]);
  });

  it('does not create someone the file lists as already gone', () => {
    const diff = computeImportDiff([row(2, 'ghost', { status: 'left' })], [], 'keep', '2026-11-25');
    expect(diff.created).toEqual([]);
    expect(diff.unchanged.map((e) => e.externalId)).toEqual(['ghost']);
  });
});
