import { ColumnMapping, columnMappingSchema, mapRecord, UnitIndex } from './column-mapping';

const units = new UnitIndex([
  { _id: 'u1', code: 'XZ-YK', name: '盈口乡', path: ['root', 'u1'] },
  { _id: 'u2', code: 'B1', name: '机关党支部', path: ['root', 'u2'] },
  { _id: 'u3', code: 'B2', name: '机关党支部', path: ['root', 'u3'] },
]);
const mapping: ColumnMapping = {
  format: 'csv',
  columns: { externalId: 'id', name: '姓名', unit: 'unit', posts: '职务', isLeader: '领导', status: '状态', joinedAt: '入党', email: 'mail' },
  unitReference: 'code',
  listSeparator: '、',
  delimiter: ',',
};

describe('column mapping', () => {
  it('maps a row to member fields, with Chinese yes/no, statuses and list cells', () => {
    const row = mapRecord({ id: ' E1 ', 姓名: '刘洋', unit: 'XZ-YK', 职务: '书记、乡长', 领导: '是', 状态: '退休', 入党: '2001/7/1', mail: 'a@b.cn' }, 2, mapping, units);
    expect(row).toEqual({
      line: 2,
      ok: true,
      fields: { externalId: 'E1', name: '刘洋', unitId: 'u1', unitPath: ['root', 'u1'], status: 'retired', posts: ['书记', '乡长'], isLeader: true, joinedAt: '2001-07-01', contacts: { email: 'a@b.cn' } },
    });
  });

  it('leaves unmapped fields out so they do not overwrite stored values', () => {
    const row = mapRecord({ id: 'E1', 姓名: '刘洋', unit: 'XZ-YK' }, 3, { ...mapping, columns: { externalId: 'id', name: '姓名', unit: 'unit' } }, units);
    expect(row.ok && Object.keys(row.fields).sort()).toEqual(['contacts', 'externalId', 'name', 'status', 'unitId', 'unitPath']);
  });

  it.each([
    [{ 姓名: 'x', unit: 'XZ-YK' }, { field: 'externalId', code: 'import.row.missing' }],
    [{ id: 'E', unit: 'XZ-YK' }, { field: 'name', code: 'import.row.missing' }],
    [{ id: 'E', 姓名: 'x', unit: 'NOPE' }, { field: 'unit', code: 'import.row.unknown-unit-code', params: { reference: 'NOPE' } }],
    [{ id: 'E', 姓名: 'x', unit: 'XZ-YK', 领导: 'perhaps' }, { field: 'isLeader', code: 'import.row.not-a-flag', params: { field: 'isLeader', value: 'perhaps' } }],
    [{ id: 'E', 姓名: 'x', unit: 'XZ-YK', 状态: 'dead' }, { field: 'status', code: 'import.row.unknown-status', params: { value: 'dead' } }],
    [{ id: 'E', 姓名: 'x', unit: 'XZ-YK', 入党: '2001-02-30x' }, { field: 'joinedAt', code: 'import.row.not-a-date', params: { value: '2001-02-30x' } }],
    [{ id: 'E', 姓名: 'x', unit: 'XZ-YK', mail: 'nope' }, { field: 'email', code: 'import.row.not-an-email', params: { value: 'nope' } }],
  ])('rejects %j naming the field and the reason’s code', (record, problem) => {
    expect(mapRecord(record, 7, mapping, units)).toMatchObject({ line: 7, ok: false, ...problem });
  });

  it('resolves units by name only when the name is unique', () => {
    const byName = { ...mapping, unitReference: 'name' as const };
    expect(mapRecord({ id: 'E', 姓名: 'x', unit: '盈口乡' }, 2, byName, units)).toMatchObject({ ok: true, fields: { unitId: 'u1' } });
    expect(mapRecord({ id: 'E', 姓名: 'x', unit: '机关党支部' }, 2, byName, units)).toMatchObject({ ok: false, code: 'import.row.ambiguous-unit-name' });
  });

  it('validates a saved mapping: the identity, name and unit columns are required', () => {
    expect(columnMappingSchema.safeParse({ format: 'csv', columns: { name: 'n' } }).success).toBe(false);
    expect(columnMappingSchema.safeParse({ format: 'csv', columns: { externalId: 'i', name: 'n', unit: 'u', shoeSize: 's' } }).success).toBe(false);
    expect(columnMappingSchema.parse({ format: 'json', columns: { externalId: 'i', name: 'n', unit: 'u' } })).toMatchObject({ unitReference: 'code', listSeparator: '、', delimiter: ',' });
  });
});
