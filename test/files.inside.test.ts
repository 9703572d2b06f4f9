/** resolveFileInside: a name from outside reaches only regular files under the folder, on real files and symbolic links. */
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFileInside } from '../core/files/index.js';
import { NotFoundError, ValidationError } from '../core/errors/index.js';
import { contentMatches, fileType, sniff } from '../core/values/fileTypes.js';

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'forja-inside-'));
  root = path.join(base, 'step');
  await mkdir(path.join(root, 'sub'), { recursive: true });
  await writeFile(path.join(root, 'peca.step'), 'ISO-10303-21;\nEND-ISO-10303-21;\n');
  await writeFile(path.join(root, 'sub', 'outra.stp'), 'ISO-10303-21;\n');
  await writeFile(path.join(base, 'segredo.txt'), 'do not serve');
  await symlink(path.join(base, 'segredo.txt'), path.join(root, 'fuga.step'));
  await symlink(base, path.join(root, 'pasta-fora'));
  await symlink(path.join(root, 'peca.step'), path.join(root, 'atalho.step'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

async function refusal(name: string): Promise<unknown> {
  return resolveFileInside(root, name).then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('resolveFileInside', () => {
  it('finds regular files below the folder, through links that stay inside', async () => {
    expect(await resolveFileInside(root, 'peca.step')).toEqual({ path: path.join(await realRoot(), 'peca.step'), size: 32 });
    expect((await resolveFileInside(root, 'sub/outra.stp')).size).toBe(14);
    expect((await resolveFileInside(root, 'atalho.step')).path).toBe(path.join(await realRoot(), 'peca.step'));
  });

  it('refuses names that could climb out, naming the field', async () => {
    for (const name of [
      '../segredo.txt',
      'sub/../../segredo.txt',
      '..',
      './peca.step',
      '/etc/passwd',
      path.join(base, 'segredo.txt'),
      'C:/x',
      '..\\segredo.txt',
      'sub\\outra.stp',
      'peca.step\u0000.txt',
      '%2e%2e%2fsegredo.txt',
      '..%2fsegredo.txt',
      '%2E%2E/segredo.txt',
      'sub//outra.stp',
      '',
      'sub/',
    ]) {
      const e = await refusal(name);
      expect(e, JSON.stringify(name)).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues[0]?.path).toBe('name');
    }
  });

  it('answers not found for links leaving the folder, missing files and folders', async () => {
    for (const name of ['fuga.step', 'pasta-fora/segredo.txt', 'nada.step', 'sub']) {
      expect(await refusal(name), name).toBeInstanceOf(NotFoundError);
    }
    await expect(resolveFileInside(path.join(base, 'no-such-folder'), 'peca.step')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('STEP file type', () => {
  it('is recognised by its ISO-10303-21 header', () => {
    const step = fileType('model/step')!;
    const head = (text: string) => new TextEncoder().encode(text).slice(0, 16);
    expect(sniff(head('ISO-10303-21;\nHEADER;'))?.mime).toBe('model/step');
    expect(contentMatches(step, head('ISO-10303-21;\nHEADER;'))).toBe(true);
    expect(contentMatches(step, head('<html><script>'))).toBe(false);
    expect(contentMatches(fileType('text/plain')!, head('ISO-10303-21;\nHEADER;'))).toBe(false);
  });
});

const realRoot = () => realpath(root);
