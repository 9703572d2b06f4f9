/**
 * `npm run module:new <name>` scaffolds a module that at once passes the
 * manifest check and the type check, and starts: its procedure answers and its
 * hook runs. The scaffold goes into a scratch root inside the project, so the
 * plugin's `#core` resolves through the project's package.json as a real one does.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runModuleNew } from '../core/cli/module-new.js';
import { runTypesGenerate } from '../core/cli/types-generate.js';
import { ADMIN, login, ROOT, startTestPlatform, type TestPlatform } from './support/testPlatform.js';
import { trpcApi } from './support/api.js';
import { runProcess } from './support/runProcess.js';

const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const TSC = path.join(ROOT, 'node_modules', '.bin', 'tsc');

describe('npm run module:new', () => {
  let root: string;
  const errors: string[] = [];

  beforeAll(async () => {
    await mkdir(path.join(ROOT, '.tmp'), { recursive: true });
    root = await mkdtemp(path.join(ROOT, '.tmp', 'module-new-'));
    await mkdir(path.join(root, 'manifests'));
    await mkdir(path.join(root, 'plugins'));
    await cp(path.join(ROOT, 'migrations', 'platform'), path.join(root, 'migrations', 'platform'), { recursive: true });
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation((message: string) => void errors.push(message));
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await rm(root, { recursive: true, force: true });
  });

  it('refuses a name that is not a lower-case identifier, with the rule in the message', async () => {
    for (const bad of ['Estoque', 'estoque-novo', '1estoque', 'platform']) expect(await runModuleNew([bad], root)).toBe(1);
    expect(await runModuleNew([], root)).toBe(1);
    expect(errors[0]).toMatch(/"Estoque" is not a module name.*lower-case identifier/);
  });

  it('writes the manifest, the plugin, its generated types and its first migration', async () => {
    expect(await runModuleNew(['estoque'], root)).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(root, 'manifests', 'estoque.json'), 'utf8')) as { module: string };
    expect(manifest.module).toBe('estoque');
    expect(await readFile(path.join(root, 'plugins', 'estoque', 'index.ts'), 'utf8')).toContain("from '#core'");
    expect(await runTypesGenerate(['--check'], root)).toBe(0);
    expect(await readdir(path.join(root, 'migrations', 'estoque'))).toHaveLength(1);
  });

  it('refuses a module that already exists', async () => {
    expect(await runModuleNew(['estoque'], root)).toBe(1);
    expect(errors.at(-1)).toMatch(/module "estoque" already exists/);
  });

  it('passes npm run manifests:check', async () => {
    const result = await runProcess(TSX, [path.join(ROOT, 'core', 'cli', 'manifests-check.ts')], root);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/ok {2}manifests\/estoque\.json: 1 entities, 1 procedures/);
  });

  it('passes the type check, which a wrong field name would fail', async () => {
    await writeFile(path.join(root, 'tsconfig.json'), JSON.stringify({ extends: path.join(ROOT, 'tsconfig.json'), include: ['plugins'], exclude: [] }));
    const clean = await runProcess(TSC, ['--noEmit', '-p', root], root);
    expect(clean.stdout).toBe('');
    expect(clean.code).toBe(0);
    const plugin = path.join(root, 'plugins', 'estoque', 'index.ts');
    const source = await readFile(plugin, 'utf8');
    await writeFile(plugin, source.replace('data.name = data.name.trim();', 'data.nome = data.name.trim();'));
    const broken = await runProcess(TSC, ['--noEmit', '-p', root], root);
    await writeFile(plugin, source);
    expect(broken.stdout).toMatch(/Property 'nome' does not exist/);
  }, 120_000);

  /** Runs `work` while estoque's manifest has a field its generated types and migrations do not know yet, then puts the manifest back. */
  async function withUngeneratedField(work: () => Promise<void>): Promise<void> {
    const file = path.join(root, 'manifests', 'estoque.json');
    const original = await readFile(file, 'utf8');
    const manifest = JSON.parse(original) as { entities: { item: { fields: Record<string, unknown> } } };
    manifest.entities.item.fields.sku = { type: 'string', label: 'SKU' };
    await writeFile(file, JSON.stringify(manifest));
    try {
      await work();
    } finally {
      await writeFile(file, original);
    }
  }

  it('fails the drift check once the manifest changes without npm run types:generate', async () => {
    await withUngeneratedField(async () => {
      expect(await runTypesGenerate(['--check'], root)).toBe(1);
      expect(errors.at(-1)).toMatch(/plugins\/estoque\/generated\/model\.ts is out of date with manifests\/estoque\.json/);
    });
    expect(await runTypesGenerate(['--check'], root)).toBe(0);
  });

  it("writes only the new module's first migration, even while another module has changes not generated yet", async () => {
    await withUngeneratedField(async () => {
      expect(await runModuleNew(['compras'], root)).toBe(0);
      expect(await readdir(path.join(root, 'migrations', 'compras'))).toHaveLength(1);
      expect(await readdir(path.join(root, 'migrations', 'estoque'))).toHaveLength(1);
    });
  });

  describe('started', () => {
    let platform: TestPlatform;

    beforeAll(async () => {
      const dirs = { manifestsDir: path.join(root, 'manifests'), pluginsDir: path.join(root, 'plugins'), migrationsDir: path.join(root, 'migrations') };
      platform = await startTestPlatform({}, dirs);
    }, 120_000);

    afterAll(() => platform?.close());

    it('runs its hook and answers its procedure', async () => {
      const api = trpcApi(platform.url, (await login(platform.url, ADMIN.email, ADMIN.password)).token);
      const item = await api.mutate('estoque.item.create', { data: { name: '  Parafuso  ', quantity: 3, price: '2.50' } });
      expect(item.name).toBe('Parafuso');
      await api.mutate('estoque.item.create', { data: { name: 'Porca', quantity: 4, price: '0.25', active: false } });
      expect(await api.query('estoque.summary', {})).toEqual({ items: 2, value: '8.50' });
      expect(await api.query('estoque.summary', { active: true })).toEqual({ items: 1, value: '7.50' });
    });
  });
});
