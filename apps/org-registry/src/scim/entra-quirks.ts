/**
 * Normalises what real provisioning clients send into RFC 7644 requests before SCIMMY sees them:
 * - Microsoft Entra: capitalised ops ("Replace", "Add"), booleans as strings ("False"), `manager` as a bare id,
 *   and `remove` of group members as `path: "members"` with a value list instead of a filtered path.
 * - Okta: sends RFC-conformant PATCH/PUT; nothing to rewrite, listed here so both are handled in one place.
 */
const BOOLEAN_ATTRIBUTES = new Set(['active', 'primary']);

function booleanOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const lower = value.trim().toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : value;
}

function normaliseBooleans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseBooleans);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
      key,
      BOOLEAN_ATTRIBUTES.has(key.toLowerCase()) ? booleanOf(inner) : normaliseBooleans(inner),
    ]),
  );
}

function lastSegment(path: string): string {
  return (path.split(/[.:]/).pop() ?? path).replace(/\[.*\]$/, '').toLowerCase();
}

interface PatchOperation {
  op?: unknown;
  path?: unknown;
  value?: unknown;
}

function normaliseOperation(operation: PatchOperation): PatchOperation[] {
  const op = typeof operation.op === 'string' ? operation.op.toLowerCase() : operation.op;
  const path = typeof operation.path === 'string' ? operation.path : undefined;
  let value = operation.value;
  if (path && BOOLEAN_ATTRIBUTES.has(lastSegment(path))) value = booleanOf(value);
  else value = normaliseBooleans(value);
  if (path && lastSegment(path) === 'manager' && typeof value === 'string') value = { value };
  if (op === 'remove' && path?.toLowerCase() === 'members' && Array.isArray(value)) {
    return value
      .map((member) => (member as { value?: unknown })?.value)
      .filter((id): id is string => typeof id === 'string')
      .map((id) => ({ op: 'remove', path: `members[value eq "${id.replace(/"/g, '\\"')}"]` }));
  }
  return [{ ...operation, op, ...(value !== undefined ? { value } : {}) }];
}

export function normaliseScimBody(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const record = body as Record<string, unknown>;
  if (Array.isArray(record['Operations'])) {
    return { ...record, Operations: (record['Operations'] as PatchOperation[]).flatMap(normaliseOperation) };
  }
  return normaliseBooleans(record);
}

const TYPE_FILTERED_PATH = /^(\w+)\[type eq "([^"]+)"\]\.(\w+)$/i;

/**
 * Entra adds a phone or email as `add phoneNumbers[type eq "work"].value` even when the user has no such entry;
 * RFC 7644 (and SCIMMY) find nothing to patch, so an op whose filter matches nothing in `current` becomes an add
 * of a new entry of that type.
 */
export function expandUnmatchedTypedAdds(body: unknown, current: Record<string, unknown>): unknown {
  if (!body || typeof body !== 'object' || !Array.isArray((body as { Operations?: unknown }).Operations)) return body;
  const record = body as { Operations: PatchOperation[] };
  const Operations = record.Operations.map((operation) => {
    const match = typeof operation.path === 'string' ? TYPE_FILTERED_PATH.exec(operation.path) : null;
    if (!match || (operation.op !== 'add' && operation.op !== 'replace')) return operation;
    const [, attribute, type, subAttribute] = match;
    const key = Object.keys(current).find((name) => name.toLowerCase() === attribute.toLowerCase());
    const existing = key ? (current[key] as { type?: string }[] | undefined) : undefined;
    if (existing?.some((entry) => entry.type?.toLowerCase() === type.toLowerCase())) return operation;
    return { op: 'add', path: attribute, value: [{ type, [subAttribute]: operation.value }] };
  });
  return { ...record, Operations };
}
