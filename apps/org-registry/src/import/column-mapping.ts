import { MemberStatus } from '@campaign/contracts';
import { TEXT_MAX_LENGTH } from '@campaign/service-kit';
import { z } from 'zod';
import { OrgMessageKey } from '../i18n/messages';
import { MemberFields } from '../members/member-changes';

export const MAPPABLE_FIELDS = [
  'externalId',
  'name',
  'unit',
  'userName',
  'posts',
  'isLeader',
  'isKeyPost',
  'status',
  'joinedAt',
  'leftAt',
  'email',
  'phone',
  'wecomId',
  'dingtalkId',
] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

/** How the columns of an HR export map to member fields; saved per district under a name. */
export interface ColumnMapping {
  format: 'csv' | 'json';
  /** member field → column header (CSV) or property name (JSON). */
  columns: Partial<Record<MappableField, string>>;
  /** Whether the unit column holds unit codes or unit names. */
  unitReference: 'code' | 'name';
  /** Separator of several posts in one cell, e.g. `书记、主任`. */
  listSeparator: string;
  delimiter: string;
}

/** A separator of posts in one cell is a character or a short word (`、`, ` / `). */
export const LIST_SEPARATOR_MAX_LENGTH = 10;

export const columnMappingSchema = z.object({
  format: z.enum(['csv', 'json']),
  columns: z
    .partialRecord(z.enum(MAPPABLE_FIELDS), z.string().min(1).max(TEXT_MAX_LENGTH.name))
    .refine((columns) => Boolean(columns.externalId && columns.name && columns.unit), 'import.mapping-needs-columns'),
  unitReference: z.enum(['code', 'name']).default('code'),
  listSeparator: z.string().min(1).max(LIST_SEPARATOR_MAX_LENGTH).default('、'),
  delimiter: z.string().length(1).default(','),
});

export interface UnitRef {
  _id: string;
  code: string;
  name: string;
  path: string[];
}

/** Active units by code and by name; a name used by several units is ambiguous and refused. */
export class UnitIndex {
  private readonly byCode = new Map<string, UnitRef>();
  private readonly byName = new Map<string, UnitRef | 'ambiguous'>();

  constructor(units: UnitRef[]) {
    for (const unit of units) {
      this.byCode.set(unit.code, unit);
      this.byName.set(unit.name, this.byName.has(unit.name) ? 'ambiguous' : unit);
    }
  }

  resolve(reference: string, by: 'code' | 'name'): UnitRef | RowProblem {
    const problem = (code: RowProblemCode): RowProblem => ({ field: 'unit', code, params: { reference } });
    if (by === 'code') return this.byCode.get(reference) ?? problem('import.row.unknown-unit-code');
    const found = this.byName.get(reference);
    if (found === 'ambiguous') return problem('import.row.ambiguous-unit-name');
    return found ?? problem('import.row.unknown-unit-name');
  }
}

/** The fields a row sets: always identity, name, unit and status; the rest only when their column is mapped. */
export type ImportFields = Pick<MemberFields, 'name' | 'unitId' | 'unitPath' | 'status'> &
  Partial<Pick<MemberFields, 'userName' | 'posts' | 'isLeader' | 'isKeyPost' | 'joinedAt' | 'leftAt'>> & {
    externalId: string;
    contacts: Partial<Record<'email' | 'phone' | 'wecomId' | 'dingtalkId', string | undefined>>;
  };

export type RowProblemCode = Extract<OrgMessageKey, `import.row.${string}`>;

/** Why a row cannot be imported: the field, and a catalogue code with its values (shown in the caller's language). */
export interface RowProblem {
  field: string;
  code: RowProblemCode;
  params: Record<string, string | number>;
}

export type MappedRow = { line: number; ok: true; fields: ImportFields } | ({ line: number; ok: false; externalId?: string } & RowProblem);

function isProblem(value: unknown): value is RowProblem {
  return typeof value === 'object' && value !== null && 'params' in value;
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', '是', 't']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', '否', 'f', '']);
const STATUS_WORDS: Record<string, MemberStatus> = {
  active: 'active',
  在职: 'active',
  正常: 'active',
  transferred: 'transferred',
  调出: 'transferred',
  retired: 'retired',
  退休: 'retired',
  left: 'left',
  离职: 'left',
  离开: 'left',
};
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value).trim();
}

function parseFlag(value: unknown, field: string): boolean | RowProblem {
  if (typeof value === 'boolean') return value;
  const word = text(value).toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return { field, code: 'import.row.not-a-flag', params: { field, value: text(value) } };
}

function parseDate(value: unknown, field: string): string | undefined | RowProblem {
  const raw = text(value).replace(/\//g, '-');
  if (!raw) return undefined;
  const padded = raw.replace(/^(\d{4})-(\d{1,2})-(\d{1,2})$/, (_, y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
  if (!ISO_DATE.test(padded) || Number.isNaN(Date.parse(padded))) return { field, code: 'import.row.not-a-date', params: { field, value: text(value) } };
  return padded;
}

/** Turns one source record into member fields, or a rejection naming the field and why. */
export function mapRecord(record: Record<string, unknown>, line: number, mapping: ColumnMapping, units: UnitIndex): MappedRow {
  const cell = (field: MappableField): unknown => (mapping.columns[field] ? record[mapping.columns[field] as string] : undefined);
  const externalId = text(cell('externalId'));
  const reject = (problem: RowProblem): MappedRow => ({ line, ok: false, ...(externalId ? { externalId } : {}), ...problem });
  const missing = (field: string): MappedRow => reject({ field, code: 'import.row.missing', params: { field } });
  if (!externalId) return missing('externalId');
  const name = text(cell('name'));
  if (!name) return missing('name');
  const unitReference = text(cell('unit'));
  if (!unitReference) return missing('unit');
  const unit = units.resolve(unitReference, mapping.unitReference);
  if (isProblem(unit)) return reject(unit);
  const mapped = (field: MappableField): boolean => Boolean(mapping.columns[field]);
  const fields: ImportFields = { externalId, name, unitId: unit._id, unitPath: unit.path, status: 'active', contacts: {} };
  for (const flag of ['isLeader', 'isKeyPost'] as const) {
    if (!mapped(flag)) continue;
    const value = parseFlag(cell(flag), flag);
    if (isProblem(value)) return reject(value);
    fields[flag] = value;
  }
  const statusWord = text(cell('status')).toLowerCase();
  if (statusWord) {
    const status = STATUS_WORDS[statusWord];
    if (!status) return reject({ field: 'status', code: 'import.row.unknown-status', params: { value: text(cell('status')) } });
    fields.status = status;
  }
  for (const dateField of ['joinedAt', 'leftAt'] as const) {
    if (!mapped(dateField)) continue;
    const value = parseDate(cell(dateField), dateField);
    if (isProblem(value)) return reject(value);
    fields[dateField] = value;
  }
  if (mapped('email')) {
    const email = text(cell('email'));
    if (email && !EMAIL.test(email)) return reject({ field: 'email', code: 'import.row.not-an-email', params: { value: email } });
    fields.contacts.email = email || undefined;
  }
  for (const channel of ['phone', 'wecomId', 'dingtalkId'] as const) {
    if (mapped(channel)) fields.contacts[channel] = text(cell(channel)) || undefined;
  }
  if (mapped('userName')) fields.userName = text(cell('userName')) || undefined;
  if (mapped('posts')) {
    const postsCell = cell('posts');
    const posts = Array.isArray(postsCell) ? postsCell.map(text) : text(postsCell).split(mapping.listSeparator);
    fields.posts = posts.map((post) => post.trim()).filter(Boolean);
  }
  return { line, ok: true, fields };
}
