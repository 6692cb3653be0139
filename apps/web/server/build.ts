import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_STATIC_DIR } from './web-console';

const webRoot = resolve(__dirname, '..');
const repositoryRoot = resolve(webRoot, '../..');

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestChange(join(path, entry))));
}

/** Builds the single-page app with Vite unless the build is newer than every source of it. */
export function buildWebConsole(outDir = DEFAULT_STATIC_DIR): void {
  const page = join(outDir, 'index.html');
  const sources = [join(webRoot, 'src'), join(webRoot, 'index.html'), join(webRoot, 'vite.config.mts')];
  if (existsSync(page) && statSync(page).mtimeMs > Math.max(...sources.map(newestChange))) return;
  execFileSync(join(repositoryRoot, 'node_modules/.bin/vite'), ['build', '-c', join(webRoot, 'vite.config.mts'), '--outDir', outDir, '--logLevel', 'warn'], {
    cwd: repositoryRoot,
    // A production bundle even when called from a test runner (jest sets NODE_ENV=test, which Vite would honour).
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
}
