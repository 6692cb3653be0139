import { Filter, parse } from 'scim2-parse-filter';
import { escapeRegex } from '../common/ids';
import { userNameKeyOf } from '../members/member-changes';

/**
 * How a SCIM attribute path (lower-case) is stored. `exact` attributes are `caseExact: true` (ids); `text` ones are
 * compared case-insensitively (RFC 7643 §2.2), through a lower-cased `key` field where one is kept; `active` is derived
 * from the member status; `ignore` matches everything (a member's contacts carry no type or primary flag).
 */
export type AttributeTarget =
  | { kind: 'exact'; fields: string[] }
  | { kind: 'text'; fields: string[]; key?: { field: string; of: (value: string) => string | undefined } }
  | { kind: 'active'; field: string }
  | { kind: 'date'; field: string }
  | { kind: 'ignore' };

export type AttributeMap = Record<string, AttributeTarget>;

const CORE_USER_PREFIX = 'urn:ietf:params:scim:schemas:core:2.0:user:';
const CORE_GROUP_PREFIX = 'urn:ietf:params:scim:schemas:core:2.0:group:';
const ENTERPRISE_PREFIX = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:';

const text = (...fields: string[]): AttributeTarget => ({ kind: 'text', fields });
const exact = (...fields: string[]): AttributeTarget => ({ kind: 'exact', fields });
const ignored: AttributeTarget = { kind: 'ignore' };

const enterpriseAttributes: AttributeMap = Object.fromEntries(
  (
    [
      ['employeenumber', text('directory.employeeNumber')],
      ['costcenter', text('directory.costCenter')],
      ['organization', text('directory.organization')],
      ['division', text('directory.division')],
      ['department', text('directory.department')],
      ['manager', exact('directory.manager.value')],
      ['manager.value', exact('directory.manager.value')],
    ] as const
  ).map(([name, target]) => [`${ENTERPRISE_PREFIX}${name}`, target]),
);

export const USER_ATTRIBUTES: AttributeMap = {
  id: exact('_id'),
  username: { kind: 'text', fields: ['userName'], key: { field: 'userNameKey', of: userNameKeyOf } },
  externalid: exact('externalId'),
  displayname: text('name'),
  'name.formatted': text('name', 'directory.formattedName'),
  'name.givenname': text('givenName'),
  'name.familyname': text('familyName'),
  title: text('posts'),
  active: { kind: 'active', field: 'status' },
  emails: text('directory.emails.value', 'contacts.email'),
  'emails.value': text('directory.emails.value', 'contacts.email'),
  'emails.type': ignored,
  'emails.primary': ignored,
  phonenumbers: text('directory.phoneNumbers.value', 'contacts.phone'),
  'phonenumbers.value': text('directory.phoneNumbers.value', 'contacts.phone'),
  'phonenumbers.type': ignored,
  'phonenumbers.primary': ignored,
  'meta.created': { kind: 'date', field: 'createdAt' },
  'meta.lastmodified': { kind: 'date', field: 'updatedAt' },
  ...enterpriseAttributes,
};

export const GROUP_ATTRIBUTES: AttributeMap = {
  id: exact('_id'),
  displayname: text('displayName'),
  externalid: exact('externalId'),
  members: exact('memberIds'),
  'members.value': exact('memberIds'),
  'meta.created': { kind: 'date', field: 'createdAt' },
  'meta.lastmodified': { kind: 'date', field: 'updatedAt' },
};

/** A filter that does not parse, or names an attribute or comparison this service cannot answer (400 invalidFilter). */
export class InvalidFilterError extends Error {}

type Clause = Record<string, unknown>;
type ComparedValue = boolean | null | number | string;

const RANGE_OPERATORS: Record<string, string> = { gt: '$gt', ge: '$gte', lt: '$lt', le: '$lte' };

function onAnyField(fields: string[], condition: unknown): Clause {
  return fields.length === 1 ? { [fields[0]]: condition } : { $or: fields.map((field) => ({ [field]: condition })) };
}

function regexFor(op: string, value: string): string {
  const escaped = escapeRegex(value);
  return op === 'sw' ? `^${escaped}` : op === 'ew' ? `${escaped}$` : op === 'eq' ? `^${escaped}$` : escaped;
}

function presence(fields: string[]): Clause {
  return onAnyField(fields, { $exists: true, $nin: [null, ''] });
}

function activeClause(field: string, op: string, value: ComparedValue): Clause {
  const wanted = typeof value === 'string' ? value.toLowerCase() : value;
  if ((op !== 'eq' && op !== 'ne') || (wanted !== true && wanted !== false && wanted !== 'true' && wanted !== 'false')) {
    throw new InvalidFilterError(`active is compared with eq or ne to true or false, not "${op} ${String(value)}"`);
  }
  const wantsActive = (wanted === true || wanted === 'true') === (op === 'eq');
  return wantsActive ? { [field]: 'active' } : { [field]: { $ne: 'active' } };
}

function dateClause(field: string, op: string, value: ComparedValue): Clause {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw new InvalidFilterError(`${field}: "${String(value)}" is not a date`);
  if (op === 'eq') return { [field]: date };
  if (op === 'ne') return { [field]: { $ne: date } };
  const range = RANGE_OPERATORS[op];
  if (!range) throw new InvalidFilterError(`dates are compared with eq, ne, gt, ge, lt or le, not ${op}`);
  return { [field]: { [range]: date } };
}

function compare(target: Exclude<AttributeTarget, { kind: 'ignore' | 'active' | 'date' }>, op: string, value: ComparedValue): Clause {
  if (value === null) {
    if (op === 'eq') return { $nor: [presence(target.fields)] };
    if (op === 'ne') return presence(target.fields);
    throw new InvalidFilterError(`null is compared with eq or ne, not ${op}`);
  }
  const caseInsensitive = target.kind === 'text';
  const raw = String(value);
  const key = target.kind === 'text' ? target.key : undefined;
  if (key && ['eq', 'ne', 'gt', 'ge', 'lt', 'le'].includes(op)) {
    const keyed = key.of(raw) ?? raw;
    if (op === 'eq') return { [key.field]: keyed };
    if (op === 'ne') return { [key.field]: { $ne: keyed } };
    return { [key.field]: { [RANGE_OPERATORS[op]]: keyed } };
  }
  switch (op) {
    case 'eq':
      return caseInsensitive ? onAnyField(target.fields, { $regex: regexFor(op, raw), $options: 'i' }) : onAnyField(target.fields, value);
    case 'ne':
      return { $nor: [compare(target, 'eq', value)] };
    case 'co':
    case 'sw':
    case 'ew':
      return onAnyField(target.fields, { $regex: regexFor(op, raw), ...(caseInsensitive ? { $options: 'i' } : {}) });
    default: {
      const range = RANGE_OPERATORS[op];
      if (!range) throw new InvalidFilterError(`comparison ${op} is not supported`);
      return onAnyField(target.fields, { [range]: value });
    }
  }
}

function attributeOf(attributes: AttributeMap, path: string): AttributeTarget {
  const lower = path.toLowerCase();
  const unprefixed = lower.startsWith(CORE_USER_PREFIX) ? lower.slice(CORE_USER_PREFIX.length) : lower.startsWith(CORE_GROUP_PREFIX) ? lower.slice(CORE_GROUP_PREFIX.length) : lower;
  const target = attributes[unprefixed] ?? attributes[`${ENTERPRISE_PREFIX}${unprefixed}`];
  if (!target) throw new InvalidFilterError(`filtering on ${path} is not supported`);
  return target;
}

function translate(filter: Filter, attributes: AttributeMap, prefix: string): Clause {
  switch (filter.op) {
    case 'and': {
      const clauses = filter.filters.map((inner) => translate(inner, attributes, prefix)).filter((clause) => Object.keys(clause).length > 0);
      return clauses.length === 0 ? {} : clauses.length === 1 ? clauses[0] : { $and: clauses };
    }
    case 'or': {
      const clauses = filter.filters.map((inner) => translate(inner, attributes, prefix));
      return clauses.some((clause) => Object.keys(clause).length === 0) ? {} : { $or: clauses };
    }
    case 'not':
      return { $nor: [translate(filter.filter, attributes, prefix)] };
    case '[]':
      return translate(filter.valFilter, attributes, `${prefix}${filter.attrPath}.`);
    default: {
      const target = attributeOf(attributes, `${prefix}${filter.attrPath}`);
      if (target.kind === 'ignore') return {};
      if (filter.op === 'pr') return target.kind === 'active' || target.kind === 'date' ? presence([target.field]) : presence(target.fields);
      if (target.kind === 'active') return activeClause(target.field, filter.op, filter.compValue);
      if (target.kind === 'date') return dateClause(target.field, filter.op, filter.compValue);
      return compare(target, filter.op, filter.compValue);
    }
  }
}

/** Parses a SCIM filter (RFC 7644 §3.4.2.2) strictly and translates it into a Mongo filter; anything else is InvalidFilterError. */
export function scimFilterToMongo(filter: string, attributes: AttributeMap): Clause {
  if (filter.trim() === '') throw new InvalidFilterError('the filter is empty');
  let parsed: Filter;
  try {
    parsed = parse(filter);
  } catch (error) {
    throw new InvalidFilterError((error as Error).message);
  }
  return translate(parsed, attributes, '');
}
