import { classifyChange, changedFields, fieldsOf, MemberFields, MemberOutcome, userNameKeyOf } from '../members/member-changes';
import { MemberDocument } from '../members/member.schema';
import { ImportFields, MappedRow, RowProblem } from './column-mapping';

export type MissingPolicy = 'keep' | 'leave';

export interface DiffEntry {
  line?: number;
  externalId: string;
  memberId?: string;
  outcome: MemberOutcome | 'created';
  changes?: string[];
  fromUnitId?: string;
  toUnitId?: string;
  next: MemberFields;
  current?: MemberDocument;
}

export interface Rejection extends RowProblem {
  line: number;
  externalId?: string;
}

export interface ImportDiff {
  created: DiffEntry[];
  updated: DiffEntry[];
  moved: DiffEntry[];
  left: DiffEntry[];
  unchanged: DiffEntry[];
  rejected: Rejection[];
}

function withoutEmpty<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as T;
}

/** A row's fields on top of what is stored: unmapped columns leave stored values alone. */
export function mergeRow(current: MemberFields | undefined, row: ImportFields): MemberFields {
  const base: MemberFields = current ?? { name: row.name, unitId: row.unitId, unitPath: row.unitPath, posts: [], isLeader: false, isKeyPost: false, status: 'active', contacts: {} };
  const { contacts, ...rest } = row;
  return { ...base, ...rest, contacts: withoutEmpty({ ...base.contacts, ...contacts }) };
}

/**
 * What importing these rows would do, computed from the stored members alone: the dry run reports it and the apply
 * writes it. Members absent from the file are marked left only under the `leave` policy, and never when their row
 * was rejected (a bad row must not turn into a departure).
 */
export function computeImportDiff(rows: MappedRow[], existing: MemberDocument[], missing: MissingPolicy, effectiveAt: string): ImportDiff {
  const diff: ImportDiff = { created: [], updated: [], moved: [], left: [], unchanged: [], rejected: [] };
  const byExternalId = new Map<string, MemberDocument>();
  const byUserName = new Map<string, string>();
  for (const member of existing) {
    if (member.externalId) byExternalId.set(member.externalId, member);
    const userNameKey = userNameKeyOf(member.userName);
    if (userNameKey) byUserName.set(userNameKey, member._id);
  }
  const firstLine = new Map<string, number>();
  const mentioned = new Set<string>();
  for (const row of rows) {
    if (!row.ok) {
      const { line, externalId, field, code, params } = row;
      diff.rejected.push({ line, ...(externalId ? { externalId } : {}), field, code, params });
      if (row.externalId) mentioned.add(row.externalId);
      continue;
    }
    const { externalId } = row.fields;
    const earlier = firstLine.get(externalId);
    if (earlier !== undefined) {
      diff.rejected.push({ line: row.line, externalId, field: 'externalId', code: 'import.row.duplicate', params: { line: earlier } });
      continue;
    }
    firstLine.set(externalId, row.line);
    mentioned.add(externalId);
    const current = byExternalId.get(externalId);
    const next = mergeRow(current ? fieldsOf(current) : undefined, row.fields);
    const userNameKey = userNameKeyOf(next.userName);
    const holder = userNameKey ? byUserName.get(userNameKey) : undefined;
    if (holder && holder !== current?._id) {
      diff.rejected.push({ line: row.line, externalId, field: 'userName', code: 'import.row.user-name-taken', params: { userName: next.userName as string } });
      continue;
    }
    if (!current) {
      // Someone the registry never knew, listed as gone: nothing to record.
      if (next.status !== 'active') diff.unchanged.push({ line: row.line, externalId, outcome: 'unchanged', next });
      else diff.created.push({ line: row.line, externalId, outcome: 'created', next });
      continue;
    }
    const before = fieldsOf(current);
    if (next.status !== 'active' && before.status === 'active' && !next.leftAt) next.leftAt = effectiveAt;
    const outcome = classifyChange(before, next);
    const entry: DiffEntry = { line: row.line, externalId, memberId: current._id, outcome, next, current };
    if (outcome === 'unchanged') diff.unchanged.push(entry);
    else if (outcome === 'moved') diff.moved.push({ ...entry, fromUnitId: before.unitId, toUnitId: next.unitId, changes: changedFields(before, next) });
    else if (outcome === 'left') diff.left.push({ ...entry, changes: changedFields(before, next) });
    else diff.updated.push({ ...entry, changes: changedFields(before, next) });
  }
  if (missing === 'leave') {
    for (const [externalId, current] of byExternalId) {
      if (mentioned.has(externalId) || current.status !== 'active') continue;
      diff.left.push({ externalId, memberId: current._id, outcome: 'left', current, next: { ...fieldsOf(current), status: 'left', leftAt: effectiveAt }, changes: ['status', 'leftAt'] });
    }
  }
  return diff;
}
