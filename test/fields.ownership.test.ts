/**
 * Only a field type's own file (core/fields/) decides what the type does: no
 * other file in core switches on field types, lists them, or compares one
 * value with several of them. (Asking for one type by name, e.g. a relation's
 * target, is a feature's own concern and stays allowed.)
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_TYPE_NAMES } from '../core/fields/index.js';
import { ROOT } from './support/testPlatform.js';

const NAMES = FIELD_TYPE_NAMES.join('|');
const RULES: [string, RegExp][] = [
  ['switches on a field type', /switch \([^)]*\b(?:type|returns|kindOf|valueTypeOf)\b[^)]*\)/],
  ['lists field types', new RegExp(`'(?:${NAMES})'\\s*,\\s*'(?:${NAMES})'`)],
  ['compares a type with several field types', new RegExp(`\\btype (?:===|!==) '(?:${NAMES})'.*\\btype (?:===|!==) '(?:${NAMES})'`)],
];

async function coreFiles(): Promise<string[]> {
  const all = await readdir(path.join(ROOT, 'core'), { recursive: true });
  return all.map(String).filter((f) => f.endsWith('.ts') && !f.startsWith(`fields${path.sep}`));
}

describe('field types are decided in core/fields only', () => {
  it('no other file in core switches on, lists or chains field types', async () => {
    const offences: string[] = [];
    for (const file of await coreFiles()) {
      const lines = (await readFile(path.join(ROOT, 'core', file), 'utf8')).split('\n');
      lines.forEach((line, i) => {
        for (const [what, rule] of RULES) if (rule.test(line)) offences.push(`core/${file}:${i + 1} ${what}: ${line.trim()}`);
      });
    }
    expect(offences).toEqual([]);
  });
});
