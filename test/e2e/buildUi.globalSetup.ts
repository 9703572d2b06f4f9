/**
 * Browser tests run against the built UI served by the real server: build it
 * once before the run when ui/dist is missing or older than its sources.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((max, name) => Math.max(max, newestMtime(path.join(target, name))), stat.mtimeMs);
}

function uiSources(): string[] {
  const plugins = path.join(ROOT, 'plugins');
  const pluginUis = existsSync(plugins) ? readdirSync(plugins).map((name) => path.join(plugins, name, 'ui')) : [];
  return [
    path.join(ROOT, 'ui', 'src'),
    path.join(ROOT, 'ui', 'public'),
    path.join(ROOT, 'ui', 'index.html'),
    path.join(ROOT, 'ui', 'vite.config.ts'),
    ...pluginUis,
  ];
}

export default function buildUiIfStale(): void {
  const built = path.join(ROOT, 'ui', 'dist', 'index.html');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  const sourcesAt = Math.max(...uiSources().map(newestMtime));
  if (builtAt > sourcesAt) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'ui/vite.config.ts', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
