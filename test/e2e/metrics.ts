/** Figures the browser tests record (never assert): first-load bundle size and time to a rendered list. */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../support/testPlatform.js';
import { ARTIFACTS } from './browser.js';

/** gzip size of index.html and every script, module preload and stylesheet it names: what the first visit downloads. */
export function firstLoadGzipBytes(): { total: number; files: Record<string, number> } {
  const dist = path.join(ROOT, 'ui', 'dist');
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const files: Record<string, number> = { 'index.html': gzipSync(html).length };
  for (const asset of assets) files[asset] = gzipSync(readFileSync(path.join(dist, asset))).length;
  return { total: Object.values(files).reduce((a, b) => a + b, 0), files };
}

/** Merges figures into test-artifacts/metrics.json. */
export function recordMetrics(figures: Record<string, unknown>): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, 'metrics.json');
  const current = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, `${JSON.stringify({ ...current, ...figures }, null, 2)}\n`);
}
