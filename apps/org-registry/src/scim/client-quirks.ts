import { ENTERPRISE_USER } from './scim-user-mapping';

/**
 * Normalises what real provisioning clients send into RFC 7644 requests before SCIMMY sees them:
 * - Microsoft Entra ID: capitalised ops ("Replace", "Add"), booleans as strings ("False"), `manager` as a bare id,
 *   enterprise attributes by their short name (`manager`, `department`), and `remove` of group members as
 *   `path: "members"` with a value list instead of a filtered path.
 * - Okta: RFC-conformant PATCH and PUT; it shares the rest (types such as "Work", `Operations` in any case).
 */
const BOOLEAN_ATTRIBUTES = new Set(['active', 'primary']);
const ENTERPRISE_ATTRIBUTES = new Set(['employeenumber', 'costcenter', 'organization', 'division', 'department', 'manager']);
const TYPED_LISTS = new Set(['emails', 'phonenumbers', 'addresses']);

function booleanOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const lower = value.trim().toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : value;
}

/** The attribute a key or path ends in, lower-case: `urn:…:User:manager` → `manager`, `emails[type eq "work"].value` → `value`. */
function lastSegment(path: string): string {
  return (path.replace(/\[[^\]]*\]/g, '').split(/[.:]/).pop() ?? path).toLowerCase();
}

/** SCIM's canonical types are lower-case ("work"); SCIMMY refuses "Work". */
function lowerCaseTypes(entries: unknown[]): unknown[] {
  return entries.map((entry) => {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return entry;
    const normalised = normaliseValue(entry) as Record<string, unknown>;
    return typeof normalised['type'] === 'string' ? { ...normalised, type: normalised['type'].toLowerCase() } : normalised;
  });
}

function normaliseAttribute(name: string, value: unknown): unknown {
  const attribute = lastSegment(name);
  if (BOOLEAN_ATTRIBUTES.has(attribute)) return booleanOf(value);
  if (attribute === 'manager' && typeof value === 'string') return value.trim() ? { value: value.trim() } : undefined;
  if (TYPED_LISTS.has(attribute) && Array.isArray(value)) return lowerCaseTypes(value);
  return normaliseValue(value);
}

function normaliseValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseValue);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, normaliseAttribute(key, inner)]));
}

/** A User's top level (a body, or a PATCH value without path): enterprise attributes by short name get their schema URN. */
function normaliseUserLevel(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      const qualified = ENTERPRISE_ATTRIBUTES.has(key.toLowerCase()) ? `${ENTERPRISE_USER}:${key}` : key;
      return [qualified, normaliseAttribute(qualified, inner)];
    }),
  );
}

/** A PATCH path with enterprise attributes qualified by their URN and type filters in lower case. */
function normalisePath(path: string): string {
  const first = path.split(/[.[]/)[0].toLowerCase();
  const qualified = !path.toLowerCase().startsWith('urn:') && ENTERPRISE_ATTRIBUTES.has(first) ? `${ENTERPRISE_USER}:${path}` : path;
  return qualified.replace(/(\btype\s+eq\s+")([^"]*)(")/gi, (_match, before: string, type: string, after: string) => `${before}${type.toLowerCase()}${after}`);
}

interface PatchOperation {
  op?: unknown;
  path?: unknown;
  value?: unknown;
}

function normaliseOperation(operation: PatchOperation): PatchOperation[] {
  const op = typeof operation.op === 'string' ? operation.op.toLowerCase() : operation.op;
  const path = typeof operation.path === 'string' ? normalisePath(operation.path) : operation.path;
  if (typeof path !== 'string') {
    const value = operation.value && typeof operation.value === 'object' && !Array.isArray(operation.value) ? normaliseUserLevel(operation.value as Record<string, unknown>) : operation.value;
    return [{ ...operation, op, ...(value !== undefined ? { value } : {}) }];
  }
  if (op === 'remove' && path.toLowerCase() === 'members' && Array.isArray(operation.value)) {
    return operation.value
      .map((member) => (member as { value?: unknown })?.value)
      .filter((id): id is string => typeof id === 'string')
      .map((id) => ({ op: 'remove', path: `members[value eq "${id.replace(/"/g, '\\"')}"]` }));
  }
  const value = operation.value === undefined ? undefined : normaliseAttribute(path, operation.value);
  // Entra clears the manager by sending it empty.
  if (op !== 'remove' && lastSegment(path) === 'manager' && value === undefined) return [{ op: 'remove', path }];
  return [{ ...operation, op, path, ...(value !== undefined ? { value } : {}) }];
}

export function normaliseScimBody(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const record = body as Record<string, unknown>;
  const operationsKey = Object.keys(record).find((key) => key.toLowerCase() === 'operations');
  if (operationsKey && Array.isArray(record[operationsKey])) {
    const { [operationsKey]: operations, ...rest } = record;
    return { ...rest, Operations: (operations as PatchOperation[]).flatMap(normaliseOperation) };
  }
  return normaliseUserLevel(record);
}

const TYPE_FILTERED_PATH = /^(\w+)\[type eq "([^"]+)"\]\.(\w+)$/i;

function typesIn(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map((entry) => String((entry as { type?: unknown })?.type ?? '').toLowerCase()).filter(Boolean);
}

/**
 * Entra adds a phone, email or address as `add addresses[type eq "work"].locality` even when the user has no such
 * entry; RFC 7644 (and SCIMMY) find nothing to patch. The first op whose filter matches no entry, in the stored User
 * or from an earlier op of the same request, becomes an add of a new entry of that type; later ops on it then match.
 */
export function expandUnmatchedTypedAdds(body: unknown, current: Record<string, unknown>): unknown {
  if (!body || typeof body !== 'object' || !Array.isArray((body as { Operations?: unknown }).Operations)) return body;
  const record = body as { Operations: PatchOperation[] };
  const known = new Map<string, Set<string>>();
  const typesOf = (attribute: string) => {
    const name = attribute.toLowerCase();
    if (!known.has(name)) {
      const key = Object.keys(current).find((candidate) => candidate.toLowerCase() === name);
      known.set(name, new Set(typesIn(key ? current[key] : [])));
    }
    return known.get(name) as Set<string>;
  };
  const Operations = record.Operations.map((operation) => {
    const path = typeof operation.path === 'string' ? operation.path : '';
    const wholeList = TYPED_LISTS.has(path.toLowerCase());
    if (wholeList && operation.op === 'replace') typesOf(path).clear();
    if (wholeList && operation.op !== 'remove') typesIn(operation.value).forEach((type) => typesOf(path).add(type));
    if (wholeList && operation.op === 'remove') typesOf(path).clear();
    const match = TYPE_FILTERED_PATH.exec(path);
    if (!match || (operation.op !== 'add' && operation.op !== 'replace')) return operation;
    const [, attribute, type, subAttribute] = match;
    const types = typesOf(attribute);
    if (types.has(type.toLowerCase())) return operation;
    types.add(type.toLowerCase());
    return { op: 'add', path: attribute, value: [{ type, [subAttribute]: operation.value }] };
  });
  return { ...record, Operations };
}
