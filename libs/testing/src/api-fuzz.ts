import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { testToken } from './test-service';
import { API_FUZZ_REGRESSIONS, FuzzRequest } from './api-fuzz-regressions';
import { FuzzFootprint } from './fuzz-footprint';

interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  maxItems?: number;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
}

interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: SchemaObject;
}

interface OperationObject {
  parameters?: ParameterObject[];
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

export interface FuzzOptions {
  /** Generated requests per operation, beside the regression cases replayed first. */
  runsPerOperation: number;
  seed: number;
  /** Puts what the district needs before the requests start (e.g. read models fed by events); gives the ids to name. */
  prepare?: (district: string) => Promise<string[]>;
}

const DEFAULT_FUZZ_OPTIONS: FuzzOptions = { runsPerOperation: 20, seed: 17 };

const HUGE = 20_000;

/** Strings an attacker or a broken client sends: scripts, marks, emoji, broken UTF-16, NUL, paths, operators. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '创先争优 Ünïcödé العربية עברית',
  '\u202Eevil\u202C',
  '\u200Bzero\u200Dwidth\uFEFF',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'e\u0301',
  '\uD800',
  'lone \uDFFF low',
  'nul\u0000byte',
  '../../../etc/passwd',
  '{"$gt":""}',
  '$where',
  'this.a == 1',
  'a.b',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  "'; DROP TABLE units; --",
  '0',
  '-1',
  'true',
  'null',
  '2026-02-30T25:61:00Z',
  'x'.repeat(HUGE),
  '汉'.repeat(HUGE / 2),
];

const BOUNDARY_NUMBERS = [0, -0, 1, -1, 0.5, 1e-9, 2 ** 31, -(2 ** 31), Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308, -1e308];

/** Objects a query or body carries to reach the store as an operator instead of a value. */
const OPERATOR_OBJECTS: unknown[] = [{ $gt: '' }, { $ne: null }, { $where: 'sleep(1000)' }, { $regex: '.*' }, { 'a.b': 1 }, { $expr: { $eq: [1, 1] } }];

const hostileString = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 40 }));

/** Any JSON value of the wrong kind: what a field gets when a client confuses types. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom<unknown>(...BOUNDARY_NUMBERS, true, false, null, [], {}, ...OPERATOR_OBJECTS),
  fc.array(fc.constantFrom<unknown>('x', 1, null, { $gt: '' }), { maxLength: 4 }),
  fc.constant(Array.from({ length: 5_000 }, (_, index) => index)),
);

/** An object carrying `__proto__` as its own key, as JSON.parse would make it. */
function withProtoKey(target: Record<string, unknown>, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, '__proto__', { value, enumerable: true, configurable: true, writable: true });
  return target;
}

const EXTRA_KEYS = ['$where', '$gt', 'a.b', 'constructor', 'unknownField', 'district', 'id', '_id'];

class SchemaArbitraries {
  /** `hostile`: fields of the wrong kind, missing required fields and extra keys; else values the schema accepts. */
  constructor(
    private readonly document: OpenApiDocument,
    private readonly hostile: boolean,
  ) {}

  private resolve(schema: SchemaObject): SchemaObject {
    if (!schema.$ref) return schema;
    const name = schema.$ref.split('/').pop() as string;
    return this.document.components?.schemas?.[name] ?? {};
  }

  /** A value the schema would accept, or near its bounds; `depth` keeps recursive DTOs finite. */
  fitting(raw: SchemaObject, depth: number): fc.Arbitrary<unknown> {
    const schema = this.resolve(raw);
    const variants = schema.allOf ?? schema.oneOf ?? schema.anyOf;
    if (variants?.length) return fc.oneof(...variants.map((variant) => this.fitting(variant, depth)));
    if (schema.enum?.length) return fc.constantFrom(...schema.enum);
    switch (schema.type) {
      case 'string':
        return this.fittingString(schema);
      case 'integer':
      case 'number':
        return this.fittingNumber(schema);
      case 'boolean':
        return fc.boolean();
      case 'array':
        return depth > 3 ? fc.constant([]) : fc.array(this.field(schema.items ?? {}, depth + 1), { maxLength: Math.min(schema.maxItems ?? 4, 4) });
      default:
        return schema.properties && depth <= 3 ? this.object(schema, depth + 1) : fc.constant({});
    }
  }

  private fittingString(schema: SchemaObject): fc.Arbitrary<string> {
    if (schema.format === 'date-time' || schema.format === 'date') return fc.date({ noInvalidDate: true }).map((date) => date.toISOString());
    const lengths = this.hostile ? [schema.maxLength ?? 0, (schema.maxLength ?? 0) + 1] : [schema.maxLength ?? 0];
    const bounds = schema.maxLength ? lengths.map((length) => 'ж'.repeat(Math.min(length, HUGE))) : [];
    return fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom('创先争优', randomUUID(), ...bounds));
  }

  private fittingNumber(schema: SchemaObject): fc.Arbitrary<number> {
    const bounds = [schema.minimum, schema.maximum].filter((bound): bound is number => bound !== undefined).flatMap((bound) => [bound - 1, bound, bound + 1]);
    const integer = fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    return bounds.length && this.hostile ? fc.oneof(integer, fc.constantFrom(...bounds)) : integer;
  }

  /** A field's value: usually one that fits, sometimes of the wrong kind. */
  field(schema: SchemaObject, depth: number): fc.Arbitrary<unknown> {
    if (!this.hostile) return this.fitting(schema, depth);
    return fc.oneof({ arbitrary: this.fitting(schema, depth), weight: 3 }, { arbitrary: wrongValue, weight: 1 });
  }

  /** An object of the schema with fields missing at random and, at times, extra and operator-like keys. */
  object(schema: SchemaObject, depth: number): fc.Arbitrary<Record<string, unknown>> {
    const fields = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, property]) => [name, this.field(property, depth)]));
    const required = (schema.required ?? []).filter((name) => name in fields);
    const complete = fc.record(fields, { requiredKeys: required });
    if (!this.hostile) return complete;
    const partial = fc.record(fields, { requiredKeys: [] });
    const extras = fc.option(fc.tuple(fc.constantFrom(...EXTRA_KEYS, '__proto__'), wrongValue), { freq: 3 });
    return fc.tuple(fc.oneof({ arbitrary: complete, weight: 3 }, { arbitrary: partial, weight: 1 }), extras).map(([object, extra]) => {
      if (!extra) return object;
      const [key, value] = extra;
      return key === '__proto__' ? withProtoKey({ ...object }, value) : { ...object, [key]: value };
    });
  }

  body(schema: SchemaObject, clean: SchemaArbitraries): fc.Arbitrary<string> {
    return fc.oneof(
      { arbitrary: clean.fitting(schema, 0).map((value) => JSON.stringify(value)), weight: 3 },
      { arbitrary: this.fitting(schema, 0).map((value) => JSON.stringify(value)), weight: 4 },
      { arbitrary: wrongValue.map((value) => JSON.stringify(value)), weight: 1 },
      { arbitrary: fc.constantFrom('{"a":', '[', 'null', '"text"'), weight: 1 },
    );
  }
}

/** encodeURIComponent, but a lone surrogate is sent as its (invalid) UTF-8 bytes instead of throwing. */
function encodePart(value: string): string {
  return [...value].map((character) => (/[\uD800-\uDFFF]/.test(character) ? '%ED%A0%80' : encodeURIComponent(character))).join('');
}

/** Ids no district has, in the shapes an id is mistaken for or abused as. */
const malformedId = fc.oneof(
  fc.constantFrom('000000000000000000000000', 'not-an-id', '%2e%2e%2f%2e%2e%2fetc', '{"$gt":""}', '$where', 'a.b', '__proto__', '\uD800', 'nul\u0000', 'x'.repeat(6_000)),
  fc.uuid().map(String),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
);

/** A path parameter: one of the ids this run's 2xx answers carried (by index, resolved when sent), or a malformed one. */
type PathValue = { known: number } | string;

interface GeneratedRequest {
  path: Record<string, PathValue>;
  query: [string, string][];
  body?: string;
  language: string;
}

function requestArbitrary(schemas: SchemaArbitraries, clean: SchemaArbitraries, template: string, operation: OperationObject, method: string): fc.Arbitrary<GeneratedRequest> {
  const parameters = operation.parameters ?? [];
  // From the path itself: a parameter the document forgot to declare is still sent.
  const pathNames = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  const path = fc.record(Object.fromEntries(pathNames.map((name) => [name, fc.oneof(fc.nat().map((known) => ({ known })), malformedId)]))) as fc.Arbitrary<
    Record<string, PathValue>
  >;
  const queryPairs = parameters
    .filter((parameter) => parameter.in === 'query')
    .map((parameter) =>
      fc.option(
        fc.oneof(
          schemas.fitting(parameter.schema ?? {}, 0).map((value): [string, string][] => [[parameter.name, typeof value === 'string' ? value : JSON.stringify(value)]]),
          hostileString.map((value): [string, string][] => [[parameter.name, value]]),
          fc.constant<[string, string][]>([[`${parameter.name}[$gt]`, ''], [parameter.name, 'a'], [parameter.name, 'b']]),
        ),
      ),
    );
  const extraQuery = fc.option(fc.tuple(fc.constantFrom('$where', '__proto__[x]', 'a.b', 'filter[$ne]', 'limit'), fc.constantFrom('1', '-1', '{"$gt":""}', 'x'.repeat(HUGE))));
  const query = fc.tuple(fc.tuple(...queryPairs), extraQuery).map(([pairs, extra]) => [...pairs.flatMap((pair) => pair ?? []), ...(extra ? [extra] : [])]);
  const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
  const body = method === 'get' || method === 'delete' ? fc.constant(undefined) : bodySchema ? schemas.body(bodySchema, clean) : fc.option(fc.constantFrom('{}', '{"$where":"1"}'), { nil: undefined });
  const language = fc.constantFrom('zh-CN', 'en', 'xx;q=bogus', '');
  return fc.record({ path, query, body, language });
}

/** Ids found in 2xx answers (`id`, `_id` and `*Id` fields), so path parameters also name things the district has. */
class KnownIds {
  private readonly ids: string[] = [];

  collect(text: string): void {
    this.add([...text.matchAll(/"(?:_?id|[a-z]+Id)":"([^"]{1,100})"/g)].map((match) => match[1]));
  }

  add(ids: string[]): void {
    for (const id of ids) if (!this.ids.includes(id)) this.ids.push(id);
  }

  pick(index: number): string {
    return this.ids.length ? this.ids[index % this.ids.length] : 'no-id-yet';
  }
}

function concrete(template: string, generated: GeneratedRequest, known: KnownIds): FuzzRequest {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = generated.path[name];
    return encodePart(typeof value === 'string' ? value : known.pick(value.known));
  });
  const query = generated.query.map(([name, value]) => `${encodePart(name)}=${encodePart(value)}`).join('&');
  return { path: query ? `${path}?${query}` : path, body: generated.body, language: generated.language };
}

/** Frames of a stack trace as Node prints them, or paths of the sources and dependencies. */
const STACK_TRACE = /\n\s+at |\bat [\w.<>$]+ \([^)]*:\d+:\d+\)|\.ts:\d+:\d+|node_modules\//;

interface Answer {
  status: number;
  text: string;
}

async function send(baseUrl: string, method: string, request: FuzzRequest, token: string, correlationId: string): Promise<Answer> {
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: method.toUpperCase(),
    headers: {
      Authorization: `Bearer ${token}`,
      'X-Correlation-Id': correlationId,
      ...(request.language ? { 'Accept-Language': request.language } : {}),
      ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: request.body,
  });
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    await response.body?.cancel();
    return { status: response.status, text: '' };
  }
  return { status: response.status, text: await response.text() };
}

/** A request as a failure shows it: long strings cut, so a 20,000-character field does not bury the answer. */
function abbreviated(request: FuzzRequest): string {
  return JSON.stringify(request, (_, value: unknown) => (typeof value === 'string' && value.length > 200 ? `${value.slice(0, 200)}…(${value.length} characters)` : value));
}

function verdict(answer: Answer): string | undefined {
  if (answer.status >= 500) return `answered ${answer.status}: ${answer.text.slice(0, 300)}`;
  if (STACK_TRACE.test(answer.text)) return `the answer (${answer.status}) carries a stack trace: ${answer.text.slice(0, 300)}`;
  return undefined;
}

export interface FuzzReport {
  /** Requests sent per operation (`METHOD /path`), regression cases included. */
  requests: Record<string, number>;
  statuses: Record<string, number>;
  failures: string[];
}

/** A creation of a top-level resource (`POST /units`): its answers give the ids later operations name in their paths. */
function createsTopLevel([method, path]: [string, string, OperationObject]): boolean {
  return method === 'post' && !path.includes('{');
}

/**
 * The operations of the document worth attacking (not the service's documentation, health or metrics), top-level
 * creations first so that the others also meet things the district has.
 */
function operationsOf(document: OpenApiDocument): [string, string, OperationObject][] {
  const operations = Object.entries(document.paths)
    .filter(([path]) => !/^\/(docs|health|metrics)\b/.test(path))
    .flatMap(([path, item]) => Object.entries(item).filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method)).map(([method, operation]): [string, string, OperationObject] => [method, path, operation]));
  return [...operations.filter(createsTopLevel), ...operations.filter((operation) => !createsTopLevel(operation))];
}

/** A seed per operation, so adding an operation leaves the others' requests as they were. */
function seedOf(seed: number, operation: string): number {
  return [...operation].reduce((hash, character) => (Math.imul(hash, 31) + character.charCodeAt(0)) | 0, seed);
}

/**
 * Sends every operation of the service's OpenAPI document generated requests as a district admin of a fresh district,
 * after the regression cases of earlier failures; fails on any 5xx or stack trace, and on any rejected request that
 * left a document or an event behind (FuzzFootprint).
 */
export async function fuzzApi(app: INestApplication, service: string, options: FuzzOptions): Promise<FuzzReport> {
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const document = (await (await fetch(`${baseUrl}/docs/openapi.json`)).json()) as OpenApiDocument;
  const district = `d-fuzz-${randomUUID()}`;
  const token = await testToken({ sub: 'fuzz-district-admin', district, roles: ['district-admin'], units: [] });
  const schemas = new SchemaArbitraries(document, true);
  const clean = new SchemaArbitraries(document, false);
  const known = new KnownIds();
  known.add((await options.prepare?.(district)) ?? []);
  const report: FuzzReport = { requests: {}, statuses: {}, failures: [] };
  const footprint = await FuzzFootprint.start(app, district);
  let documents = await footprint.counts();
  for (const [method, template, operation] of operationsOf(document)) {
    const name = `${method.toUpperCase()} ${template}`;
    report.requests[name] = 0;
    const attempt = async (request: FuzzRequest): Promise<void> => {
      report.requests[name] += 1;
      const correlationId = `fuzz-${randomUUID()}`;
      const answer = await send(baseUrl, method, request, token, correlationId);
      const klass = `${Math.floor(answer.status / 100)}xx`;
      report.statuses[klass] = (report.statuses[klass] ?? 0) + 1;
      if (answer.status < 300) known.collect(answer.text);
      const problem = verdict(answer);
      if (problem) throw new Error(`${name} ${abbreviated(request)} ${problem}`);
      // A refused read is not counted (half the cost); an answered one is, since reads may seed a district's defaults.
      if (method === 'get' && answer.status >= 400) return;
      const before = documents;
      documents = await footprint.counts();
      if (answer.status < 400) return;
      footprint.rejectedRequest(correlationId, `${name} ${abbreviated(request)} (${answer.status})`);
      const grown = FuzzFootprint.grown(before, documents);
      if (grown.length) throw new Error(`${name} ${abbreviated(request)} answered ${answer.status} and left documents: ${grown.join(', ')}`);
    };
    for (const regression of API_FUZZ_REGRESSIONS.filter((entry) => entry.service === service && entry.operation === name)) {
      await attempt(regression.request).catch((error: Error) => report.failures.push(`regression: ${error.message}`));
    }
    const result = await fc.check(
      fc.asyncProperty(requestArbitrary(schemas, clean, template, operation, method), (generated) => attempt(concrete(template, generated, known))),
      { seed: seedOf(options.seed, name), numRuns: options.runsPerOperation, endOnFailure: true },
    );
    if (result.failed) report.failures.push(`seed ${result.seed}, path ${result.counterexamplePath}: ${String((result.errorInstance as Error | undefined)?.message ?? result.errorInstance)}`);
  }
  report.failures.push(...(await footprint.announcedRejections()));
  await footprint.close();
  return report;
}

/** The fuzzing of one service as a jest case, with one summary line of what it sent. */
export function apiFuzzCases(service: string, app: () => INestApplication, overrides: Partial<FuzzOptions> = {}): void {
  const options = { ...DEFAULT_FUZZ_OPTIONS, ...overrides };
  describe(`${service}: schema-driven fuzzing of every operation`, () => {
    it('answers every generated request with a 2xx or 4xx, never a 5xx or a stack trace, and a 4xx leaves no document or event', async () => {
      const started = Date.now();
      const report = await fuzzApi(app(), service, options);
      const counts = Object.values(report.requests);
      const total = counts.reduce((sum, count) => sum + count, 0);
      const statuses = Object.entries(report.statuses).sort().map(([klass, count]) => `${klass} ${count}`).join(', ');
      process.stdout.write(
        `${service}: API fuzz sent ${total} requests to ${counts.length} operations (${Math.min(...counts)}–${Math.max(...counts)} each, seed ${options.seed}; ${statuses}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
      expect(report.failures).toEqual([]);
    }, 180_000);
  });
}
