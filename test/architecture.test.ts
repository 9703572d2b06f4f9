/**
 * The shape of core/: no import cycle, imports only downwards through the
 * declared layers, features that stay optional, SQL only in db/. Read from the
 * import graph (TypeScript's import scanner), so a new import that breaks a
 * rule fails here naming the files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { findCycles, layerImports, readImportGraph, sourceFiles } from './support/importGraph.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CORE = path.join(ROOT, 'core');

/**
 * core/'s folders from the bottom up. A folder imports only folders of lower
 * layers: never its own layer's neighbours, never upwards.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['values', 'time', 'errors'], // pure leaves: decimal, duration and file type arithmetic, the business calendar, typed errors
  ['config', 'input', 'integrations', 'secrets'], // the environment; JSON Schema input parsing; outbound HTTP clients; encryption of secret fields
  ['fields'], // the field-type registry: what each type is, from manifest options to stored values
  ['manifest'], // reading and checking manifests
  ['plugin'], // the plugin API's types
  ['model'], // the app model compiled from manifests and plugins
  ['db'], // connections, repositories, schema, migrations: every SQL statement
  ['auth', 'audit'], // sessions and permissions; the audit trail
  ['service'], // the rules of every entity, and the extension points features plug into
  ['files', 'workflow', 'realtime'], // features, each plugged in through service/coreFeature.ts or the change feed
  ['scheduler', 'documents'], // features built on other features (job files; record files)
  ['platform'], // core's own module, written as a plugin
  ['api'], // tRPC procedures and CSV export
  ['app'], // the app assembled: core's module, the features, the discovered modules
  ['server', 'cli', 'scheduler/worker'], // entry points: the HTTP server, command-line tools, a job's worker thread
  ['(root)'], // core/main.ts and core/index.ts (the plugin API's front door)
];

/** Optional for a module: the rest of the core reaches them only through what they register. */
const FEATURES = ['files', 'workflow', 'realtime', 'scheduler', 'documents', 'platform'];

/**
 * Folders allowed to hold SQL text besides db/. platform/ is a module written
 * as a plugin: its SQL goes through `ctx.data.query`, as any plugin's does.
 */
const SQL_ALLOWED = ['db', 'platform'];
const SQL_TEXT = /^\s*(SELECT|INSERT\s+INTO|UPDATE|DELETE\s+FROM|CREATE\s+(TABLE|INDEX|UNIQUE\s+INDEX|VIEW)|DROP\s+(TABLE|INDEX)|ALTER\s+TABLE|PRAGMA)\s/;

const levelOf = new Map(LAYERS.flatMap((folders, level) => folders.map((f) => [f, level] as const)));
const layerNames = LAYERS.flat();
const coreGraph = readImportGraph(CORE);

describe('core import graph', () => {
  it('has no import cycle among files', () => {
    const cycles = findCycles(coreGraph).map((c) => [...c, c[0]].join(' → '));
    expect(cycles, `import cycles in core/:\n${cycles.join('\n')}`).toEqual([]);
  });

  it('declares every folder of core/ in a layer', () => {
    const folders = new Set([...coreGraph.keys()].map((f) => (f.includes(path.sep) ? f.split(path.sep)[0]! : '(root)')));
    const undeclared = [...folders].filter((f) => !levelOf.has(f));
    expect(undeclared, `folders of core/ missing from LAYERS: ${undeclared.join(', ')}`).toEqual([]);
  });

  it('imports only from lower layers', () => {
    const wrong = layerImports(coreGraph, layerNames)
      .filter((e) => !(levelOf.get(e.from)! > levelOf.get(e.to)!))
      .map((e) => `${e.from} → ${e.to}: core/${e.file} imports core/${e.imported}`);
    expect(wrong, `imports against the layer order:\n${wrong.join('\n')}`).toEqual([]);
  });

  it('keeps manifest/ free of features, model/ free of api/, and the service free of features', () => {
    const rules: { from: string; forbidden: string[] }[] = [
      { from: 'manifest', forbidden: FEATURES },
      { from: 'model', forbidden: ['api', ...FEATURES] },
      { from: 'service', forbidden: FEATURES },
    ];
    const wrong = layerImports(coreGraph, layerNames)
      .filter((e) => rules.some((r) => r.from === e.from && r.forbidden.includes(e.to)))
      .map((e) => `core/${e.file} imports core/${e.imported}`);
    expect(wrong, `forbidden imports:\n${wrong.join('\n')}`).toEqual([]);
  });

  it('writes SQL only in db/', () => {
    const found = sourceFiles(CORE)
      .filter((file) => !SQL_ALLOWED.includes(path.relative(CORE, file).split(path.sep)[0]!))
      .flatMap((file) => sqlTexts(file).map((t) => `core/${path.relative(CORE, file)}: ${t}`));
    expect(found, `SQL outside core/db/:\n${found.join('\n')}`).toEqual([]);
  });
});

describe('ui/src import graph', () => {
  it('has no import cycle among files', () => {
    const cycles = findCycles(readImportGraph(path.join(ROOT, 'ui', 'src'))).map((c) => [...c, c[0]].join(' → '));
    expect(cycles, `import cycles in ui/src/:\n${cycles.join('\n')}`).toEqual([]);
  });

  it('takes only types from core/, and at run time nothing but its pure values/', () => {
    const UI = path.join(ROOT, 'ui', 'src');
    const wrong = sourceFiles(UI).flatMap((file) =>
      runtimeImports(file)
        .map((spec) => path.relative(ROOT, path.resolve(path.dirname(file), spec)))
        .filter((target) => target.startsWith(`core${path.sep}`) && !target.startsWith(path.join('core', 'values') + path.sep))
        .map((target) => `ui/src/${path.relative(UI, file)} imports ${target} at run time`),
    );
    expect(wrong, `run-time imports of core/ from the UI:\n${wrong.join('\n')}`).toEqual([]);
  });
});

/** Relative specifiers a file imports values from (type-only imports and specifiers left out). */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  return source.statements.flatMap((node) => {
    if (!ts.isImportDeclaration(node) && !ts.isExportDeclaration(node)) return [];
    if (!node.moduleSpecifier || !ts.isStringLiteral(node.moduleSpecifier) || !node.moduleSpecifier.text.startsWith('.')) return [];
    return isTypeOnly(node) ? [] : [node.moduleSpecifier.text];
  });
}

function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node))
    return node.isTypeOnly || (!!node.exportClause && ts.isNamedExports(node.exportClause) && node.exportClause.elements.every((e) => e.isTypeOnly));
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return !clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

/** String and template literals of a file that read as SQL statements, with their line. */
function sqlTexts(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) && SQL_TEXT.test(node.text)) {
      found.push(`line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.text.slice(0, 60)}`);
    }
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}
