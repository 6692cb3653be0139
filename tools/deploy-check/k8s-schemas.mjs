#!/usr/bin/env node
// Turns Kubernetes' own OpenAPI v2 document (api/openapi-spec/swagger.json of the k8s.io/kubernetes module) and
// CustomResourceDefinition files into the standalone, strict JSON Schemas kubeconform reads from disk, named
// `<kind><kindSuffix>.json` like the published kubernetes-json-schema set (e.g. deployment-apps-v1.json).
// The conversion follows kubeconform's scripts/openapi2jsonschema.py: every $ref inlined, objects closed with
// additionalProperties: false (strict), int-or-string as string|integer, quantities as string|number.
// Usage: node k8s-schemas.mjs <output-dir> --openapi swagger.json [--crd crd.yaml ...]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const outputDirectory = args.shift();
const openapiFiles = [];
const crdFiles = [];
while (args.length > 0) {
  const flag = args.shift();
  const value = args.shift();
  if (!value) usage();
  if (flag === '--openapi') openapiFiles.push(value);
  else if (flag === '--crd') crdFiles.push(value);
  else usage();
}
if (!outputDirectory || openapiFiles.length + crdFiles.length === 0) usage();
mkdirSync(outputDirectory, { recursive: true });

let written = 0;
for (const file of openapiFiles) {
  const definitions = JSON.parse(readFileSync(file, 'utf8')).definitions;
  for (const [name, definition] of Object.entries(definitions)) {
    for (const gvk of definition['x-kubernetes-group-version-kind'] ?? []) {
      const schema = strict(inline(definition, definitions, [name]));
      write(gvk.kind, gvk.group, gvk.version, schema);
    }
  }
}
for (const file of crdFiles) {
  const yaml = workspaceYaml();
  for (const crd of yaml.loadAll(readFileSync(file, 'utf8'))) {
    if (crd?.kind !== 'CustomResourceDefinition') continue;
    for (const version of crd.spec.versions ?? []) {
      const schema = version.schema?.openAPIV3Schema;
      if (schema) write(crd.spec.names.kind, crd.spec.group, version.name, strict(normalise(schema)));
    }
  }
}
if (written === 0) fail('no schema was written');
console.log(`k8s-schemas: wrote ${written} schemas to ${outputDirectory}`);

function write(kind, group, version, schema) {
  // kubeconform's {{ .KindSuffix }}: "-<first label of the group>-<version>", or "-<version>" for the core group.
  const suffix = group ? `-${group.split('.')[0]}-${version}` : `-${version}`;
  const file = join(outputDirectory, `${kind}${suffix}.json`.toLowerCase());
  writeFileSync(file, JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...schema }));
  written += 1;
}

/** Replaces each {$ref: '#/definitions/X'} by X itself; a definition that refers back to itself stays open ({}). */
function inline(node, definitions, stack) {
  if (Array.isArray(node)) return node.map((item) => inline(item, definitions, stack));
  if (!node || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    const name = node.$ref.replace('#/definitions/', '');
    if (stack.includes(name)) return {};
    const target = definitions[name];
    if (!target) fail(`unresolved reference ${node.$ref}`);
    return inline(target, definitions, [...stack, name]);
  }
  if (node.format === 'int-or-string') return { oneOf: [{ type: 'string' }, { type: 'integer' }] };
  if (stack.at(-1) === 'io.k8s.apimachinery.pkg.api.resource.Quantity' && node.type === 'string') {
    return { oneOf: [{ type: 'string' }, { type: 'number' }] };
  }
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description' || key.startsWith('x-kubernetes-')) continue;
    copy[key] = key === 'properties' ? mapValues(value, (v) => inline(v, definitions, stack)) : inline(value, definitions, stack);
  }
  return copy;
}

/** A CRD's OpenAPI v3 schema with the Kubernetes extensions JSON Schema does not know turned into plain keywords. */
function normalise(node) {
  if (Array.isArray(node)) return node.map(normalise);
  if (!node || typeof node !== 'object') return node;
  if (node['x-kubernetes-int-or-string']) return { oneOf: [{ type: 'string' }, { type: 'integer' }] };
  if (node['x-kubernetes-preserve-unknown-fields'] && !node.properties) return {};
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description' || key.startsWith('x-kubernetes-')) continue;
    copy[key] = key === 'properties' ? mapValues(value, normalise) : normalise(value);
  }
  return copy;
}

/** Closes every object schema that lists its properties, as kubectl's own validation does. */
function strict(node) {
  if (Array.isArray(node)) return node.map(strict);
  if (!node || typeof node !== 'object') return node;
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] = key === 'properties' ? mapValues(value, strict) : strict(value);
  }
  if (copy.properties && !('additionalProperties' in copy)) copy.additionalProperties = false;
  return copy;
}

function mapValues(object, map) {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, map(value)]));
}

function workspaceYaml() {
  // js-yaml is in the workspace's node_modules (through @nestjs/swagger); no package is added for this tool.
  return createRequire(join(resolve(import.meta.dirname, '../..'), 'package.json'))('js-yaml');
}

function usage() {
  fail('usage: k8s-schemas.mjs <output-dir> --openapi swagger.json [--crd crd.yaml ...]');
}

function fail(message) {
  console.error(`k8s-schemas: ${message}`);
  process.exit(1);
}
