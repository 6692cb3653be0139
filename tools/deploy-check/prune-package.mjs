#!/usr/bin/env node
// Writes dist/apps/<service>/package.json and package-lock.json holding only the production dependencies the
// built service requires, pinned to the workspace's versions, so its image installs nothing else (`npm ci --omit=dev`).
// Usage: node tools/deploy-check/prune-package.mjs <service>   (after `npx nx run <service>:build`)
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const workspace = resolve(import.meta.dirname, '../..');
const service = process.argv[2];
if (!service || !/^[a-z][a-z0-9-]*$/.test(service)) fail('usage: prune-package.mjs <service>');
const output = join(workspace, 'dist/apps', service);
const entry = `apps/${service}/src/main.js`;
if (!existsSync(join(output, entry))) fail(`${output}/${entry} is missing: run \`npx nx run ${service}:build\` first`);

// Loaded by name at run time rather than imported: Nest's HTTP adapter and the ValidationPipe's libraries.
const loadedAtRunTime = ['@nestjs/platform-express', 'class-transformer', 'class-validator'];

const rootPackage = JSON.parse(readFileSync(join(workspace, 'package.json'), 'utf8'));
const required = new Set(loadedAtRunTime);
for (const file of javascriptFiles(output)) {
  for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/require\(["']([^"'./][^"']*)["']\)/g)) {
    const name = packageName(specifier);
    if (name) required.add(name);
  }
}

const dependencies = {};
const notProduction = [];
for (const name of [...required].sort()) {
  const version = rootPackage.dependencies?.[name];
  if (version) dependencies[name] = version;
  else notProduction.push(name);
}
if (notProduction.length > 0) {
  fail(`${service} requires packages that are not production dependencies of the workspace: ${notProduction.join(', ')}`);
}

const prunedPackage = {
  name: `@campaign/${service}`,
  version: rootPackage.version,
  private: true,
  description: `${service} production image contents`,
  main: entry,
  engines: rootPackage.engines,
  dependencies,
};
writeFileSync(join(output, 'package.json'), `${JSON.stringify(prunedPackage, null, 2)}\n`);
writeFileSync(join(output, 'package-lock.json'), prunedLockFile(prunedPackage));
console.log(`prune-package: ${service} needs ${Object.keys(dependencies).length} packages: ${Object.keys(dependencies).join(' ')}`);

/** The workspace lock file reduced to the dependency closure of the pruned package (Nx's own lock-file pruning). */
function prunedLockFile(packageJson) {
  const workspaceRequire = createRequire(join(workspace, 'package.json'));
  const { readCachedProjectGraph } = workspaceRequire('nx/src/project-graph/project-graph');
  const { createLockFile } = workspaceRequire('nx/src/plugins/js/lock-file/lock-file');
  let graph;
  try {
    graph = readCachedProjectGraph();
  } catch {
    fail('no cached Nx project graph: run an nx command (the build) first');
  }
  const lock = JSON.parse(createLockFile(packageJson, graph, 'npm'));
  const missing = Object.keys(packageJson.dependencies).filter((name) => !lock.packages?.[`node_modules/${name}`]);
  if (missing.length > 0) fail(`the pruned lock file lacks ${missing.join(', ')}`);
  return `${JSON.stringify(lock, null, 2)}\n`;
}

function packageName(specifier) {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0])) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function* javascriptFiles(directory) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') yield* javascriptFiles(path);
    else if (entry.isFile() && entry.name.endsWith('.js')) yield path;
  }
}

function fail(message) {
  console.error(`prune-package: ${message}`);
  process.exit(1);
}
