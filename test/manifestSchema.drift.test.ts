/** manifest.schema.json (what editors read through "$schema") is exactly what its one definition generates. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST_SCHEMA_FILE, manifestSchemaJson } from '../core/manifest/manifestSchema.js';
import { ROOT } from './support/testPlatform.js';

describe('manifest.schema.json', () => {
  it('is up to date with core/manifest/manifestSchema.ts (run `npm run manifest:schema` after changing it)', async () => {
    const committed = await readFile(path.join(ROOT, MANIFEST_SCHEMA_FILE), 'utf8');
    expect(committed).toBe(manifestSchemaJson());
  });
});
