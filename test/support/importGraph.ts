/**
 * The import graph of a source folder, read with TypeScript's own import
 * scanner (`import`, `import type`, `export … from`, `import()`), and the
 * checks the architecture test makes on it: cycles, and imports against a
 * declared layer order.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** File (relative to the root) → the files of the same root it imports. */
export type ImportGraph = Map<string, Set<string>>;

const SOURCE = /\.(ts|tsx)$/;

export function sourceFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(full);
    }
  };
  walk(root);
  return files.sort();
}

/** Imports that leave `root` (packages, other folders) and files that are not code (JSON) are not part of the graph. */
export function readImportGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of sourceFiles(root)) {
    const imported = new Set<string>();
    for (const ref of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      const target = resolveRelative(file, ref.fileName);
      if (target?.startsWith(root + path.sep)) imported.add(path.relative(root, target));
    }
    graph.set(path.relative(root, file), imported);
  }
  return graph;
}

function resolveRelative(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier).replace(/\.js$/, '');
  return [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')].find((f) => existsSync(f));
}

/** Every import cycle, as the files on it in import order (the first file imports the second, …, the last the first). */
export function findCycles(graph: ImportGraph): string[][] {
  return stronglyConnected(graph)
    .filter((group) => group.length > 1 || graph.get(group[0]!)?.has(group[0]!))
    .map((group) => cycleThrough(graph, new Set(group)));
}

/** Tarjan's algorithm: the groups of files that reach each other. */
function stronglyConnected(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    groups.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return groups;
}

/** One concrete cycle inside a group (a shortest way from its first file back to itself), to name in a failure. */
function cycleThrough(graph: ImportGraph, group: Set<string>): string[] {
  const start = [...group][0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (w === start) {
        const cycle = [v];
        while (cycle[0] !== start) cycle.unshift(cameFrom.get(cycle[0]!)!);
        return cycle;
      }
      if (group.has(w) && !cameFrom.has(w)) {
        cameFrom.set(w, v);
        queue.push(w);
      }
    }
  }
  return [...group];
}

/** The layer a file belongs to: the longest declared folder that holds it, or `(root)` for files directly in the root. */
export function layerOf(file: string, layers: readonly string[]): string {
  const folder = path.dirname(file).split(path.sep).join('/');
  if (folder === '.') return '(root)';
  const match = layers.filter((l) => folder === l || folder.startsWith(`${l}/`)).sort((a, b) => b.length - a.length)[0];
  return match ?? folder.split('/')[0]!;
}

/** Each import from one layer into another, as `from → to: file → file`. */
export function layerImports(graph: ImportGraph, layers: readonly string[]): { from: string; to: string; file: string; imported: string }[] {
  const edges: { from: string; to: string; file: string; imported: string }[] = [];
  for (const [file, imports] of graph) {
    for (const imported of imports) {
      const [from, to] = [layerOf(file, layers), layerOf(imported, layers)];
      if (from !== to) edges.push({ from, to, file, imported });
    }
  }
  return edges;
}
