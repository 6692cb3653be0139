#!/usr/bin/env node
// The image rules hadolint would enforce for us and that matter for these services, checked on the final stage:
// a pinned base image, a non-root user, an init process as entrypoint, a health check, SIGTERM as stop signal,
// and apt-get installs without recommends and without leftover package lists.
// Usage: node dockerfile-policy.mjs <Dockerfile>
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) fail(['usage: dockerfile-policy.mjs <Dockerfile>']);
const instructions = parse(readFileSync(file, 'utf8'));
const problems = [];

const stages = [];
for (const instruction of instructions) {
  if (instruction.keyword === 'FROM') stages.push([]);
  stages.at(-1)?.push(instruction);
}
if (stages.length === 0) fail([`${file}: no FROM instruction`]);
const finalStage = stages.at(-1);
const find = (keyword) => finalStage.filter((instruction) => instruction.keyword === keyword);
const args = Object.fromEntries(
  instructions
    .filter((instruction) => instruction.keyword === 'ARG' && instruction.value.includes('='))
    .map((instruction) => instruction.value.split('=', 2)),
);

for (const from of instructions.filter((instruction) => instruction.keyword === 'FROM')) {
  const image = from.value.split(/\s+/)[0].replace(/^\$\{?(\w+)\}?$/, (_, name) => args[name] ?? `$${name}`);
  const isStage = stages.length > 1 && instructions.some((other) => new RegExp(`\\bAS\\s+${escape(image)}$`, 'i').test(other.value));
  if (!isStage && !/[:@]/.test(image)) problems.push(`line ${from.line}: base image ${image} has no tag`);
  if (/:latest$/.test(image)) problems.push(`line ${from.line}: base image ${image} uses the latest tag`);
}

const users = find('USER');
const user = users.at(-1)?.value.split(':')[0];
if (!user) problems.push('final stage: no USER, the service would run as root');
else if (user === 'root' || user === '0') problems.push(`line ${users.at(-1).line}: final stage runs as root`);

if (find('HEALTHCHECK').length === 0) problems.push('final stage: no HEALTHCHECK');
const stopSignal = find('STOPSIGNAL').at(-1);
if (stopSignal?.value !== 'SIGTERM') problems.push('final stage: STOPSIGNAL must be SIGTERM (graceful shutdown)');
const entrypoint = find('ENTRYPOINT').at(-1);
if (!entrypoint || !/tini|dumb-init/.test(entrypoint.value)) {
  problems.push('final stage: ENTRYPOINT must start an init process (tini) that forwards signals');
}
for (const run of instructions.filter((instruction) => instruction.keyword === 'RUN' && /apt-get install/.test(instruction.value))) {
  if (!/--no-install-recommends/.test(run.value)) problems.push(`line ${run.line}: apt-get install without --no-install-recommends`);
  if (!/rm -rf \/var\/lib\/apt\/lists/.test(run.value)) problems.push(`line ${run.line}: apt lists left in the layer`);
  if (!/apt-get update/.test(run.value)) problems.push(`line ${run.line}: apt-get install without apt-get update in the same RUN`);
}

if (problems.length > 0) fail(problems.map((problem) => `${file}: ${problem}`));
console.log(`dockerfile-policy: ${file} follows the image rules`);

/** Instructions with continuation lines joined and comments dropped, each with its first line number. */
function parse(text) {
  const result = [];
  let current;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!current && (line === '' || line.startsWith('#'))) return;
    if (current && line.startsWith('#')) return;
    const continues = line.endsWith('\\');
    const content = continues ? line.slice(0, -1).trim() : line;
    if (current) current.value += ` ${content}`;
    else {
      const [keyword, ...rest] = content.split(/\s+/);
      current = { keyword: keyword.toUpperCase(), value: rest.join(' '), line: index + 1 };
    }
    if (!continues) {
      result.push(current);
      current = undefined;
    }
  });
  if (current) result.push(current);
  return result;
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function fail(messages) {
  for (const message of messages) console.error(`dockerfile-policy: ${message}`);
  process.exit(1);
}
