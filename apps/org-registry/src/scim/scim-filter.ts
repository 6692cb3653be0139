import { escapeRegex } from '../common/ids';

/** How a SCIM attribute path (lower-case) is stored; `active` is derived from the member status. */
export type AttributeMap = Record<string, string | { field: string; kind: 'active' | 'date' | 'ignore' }>;

export const USER_ATTRIBUTES: AttributeMap = {
  id: '_id',
  username: 'userName',
  externalid: 'externalId',
  displayname: 'name',
  'name.formatted': 'name',
  'name.givenname': 'givenName',
  'name.familyname': 'familyName',
  title: 'posts',
  active: { field: 'status', kind: 'active' },
  'emails.value': 'contacts.email',
  emails: 'contacts.email',
  'emails.type': { field: 'contacts.email', kind: 'ignore' },
  'emails.primary': { field: 'contacts.email', kind: 'ignore' },
  'phonenumbers.value': 'contacts.phone',
  phonenumbers: 'contacts.phone',
  'phonenumbers.type': { field: 'contacts.phone', kind: 'ignore' },
  'meta.created': { field: 'createdAt', kind: 'date' },
  'meta.lastmodified': { field: 'updatedAt', kind: 'date' },
};

export const GROUP_ATTRIBUTES: AttributeMap = {
  id: '_id',
  displayname: 'displayName',
  externalid: 'externalId',
  'members.value': 'memberIds',
  members: 'memberIds',
  'meta.created': { field: 'createdAt', kind: 'date' },
  'meta.lastmodified': { field: 'updatedAt', kind: 'date' },
};

export class UnsupportedFilterError extends Error {}

type Expression = unknown[];

const RANGE_OPERATORS: Record<string, string> = { gt: '$gt', ge: '$gte', lt: '$lt', le: '$lte' };
type Clause = Record<string, unknown>;

function condition(field: string, kind: 'plain' | 'active' | 'date', expression: Expression): Clause {
  const negate = expression[0] === 'not';
  const [comparator, raw] = (negate ? expression.slice(1) : expression) as [string, unknown];
  const value = kind === 'date' && typeof raw === 'string' ? new Date(raw) : raw;
  let clause: Clause;
  if (kind === 'active') {
    if (comparator !== 'eq' && comparator !== 'ne') throw new UnsupportedFilterError(`active supports eq and ne, not ${comparator}`);
    const wantsActive = (value === true || String(value).toLowerCase() === 'true') === (comparator === 'eq');
    clause = wantsActive ? { [field]: 'active' } : { [field]: { $ne: 'active' } };
  } else {
    switch (comparator) {
      case 'eq':
        clause = { [field]: value };
        break;
      case 'ne':
        clause = { [field]: { $ne: value } };
        break;
      case 'co':
        clause = { [field]: { $regex: escapeRegex(String(value)), $options: 'i' } };
        break;
      case 'sw':
        clause = { [field]: { $regex: `^${escapeRegex(String(value))}`, $options: 'i' } };
        break;
      case 'ew':
        clause = { [field]: { $regex: `${escapeRegex(String(value))}$`, $options: 'i' } };
        break;
      case 'pr':
        clause = { [field]: { $exists: true, $nin: [null, ''] } };
        break;
      case 'np':
        clause = { $or: [{ [field]: { $exists: false } }, { [field]: { $in: [null, ''] } }] };
        break;
      case 'gt':
      case 'ge':
      case 'lt':
      case 'le':
        clause = { [field]: { [RANGE_OPERATORS[comparator]]: value } };
        break;
      default:
        throw new UnsupportedFilterError(`comparator ${comparator} is not supported`);
    }
  }
  return negate ? { $nor: [clause] } : clause;
}

function clausesOf(attributes: AttributeMap, expressions: Record<string, unknown>, prefix: string): Clause[] {
  const clauses: Clause[] = [];
  for (const [name, expression] of Object.entries(expressions)) {
    const path = `${prefix}${name.toLowerCase()}`;
    if (expression && typeof expression === 'object' && !Array.isArray(expression)) {
      clauses.push(...clausesOf(attributes, expression as Record<string, unknown>, `${path}.`));
      continue;
    }
    const target = attributes[path];
    if (!target) throw new UnsupportedFilterError(`filtering on ${path} is not supported`);
    const { field, kind } = typeof target === 'string' ? { field: target, kind: 'plain' as const } : target;
    if (kind === 'ignore') continue;
    const list = expression as unknown[];
    const expressionsOfAttribute = Array.isArray(list[0]) ? (list as Expression[]) : [list];
    for (const single of expressionsOfAttribute) clauses.push(condition(field, kind, single));
  }
  return clauses;
}

/** Translates a parsed SCIM filter (SCIMMY's disjunction of conjunctions) into a Mongo filter. */
export function scimFilterToMongo(filter: Record<string, unknown>[] | undefined, attributes: AttributeMap): Clause {
  if (!filter || filter.length === 0) return {};
  const branches = filter.map((conjunction) => {
    const clauses = clausesOf(attributes, conjunction, '');
    return clauses.length === 1 ? clauses[0] : clauses.length === 0 ? {} : { $and: clauses };
  });
  return branches.length === 1 ? branches[0] : { $or: branches };
}
