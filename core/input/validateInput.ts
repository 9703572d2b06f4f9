import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ValidationError, type Issue } from '../errors/index.js';

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false });
addFormats.default(ajv);

/** Containers nested deeper than this are refused before anything recursive (ajv, structuredClone) walks them. */
export const MAX_INPUT_DEPTH = 32;
/** One hostile input can hold millions of bad values; naming the first few says enough. */
const MAX_REPORTED = 20;

/**
 * Compiles a schema into a parser that returns the input or throws ValidationError with per-field issues.
 * Every procedure input (generated, workflow, plugin, job parameters) passes here, so the
 * checks no schema can express run here too, first: see `unkeepableValues`.
 */
export function compileInputParser<T = unknown>(schema: Record<string, unknown>): (input: unknown) => T {
  const validate: ValidateFunction = ajv.compile(schema);
  return (input: unknown) => {
    const value = input === undefined ? {} : input;
    const refused = unkeepableValues(value);
    if (refused.length === 0 && validate(value)) return value as T;
    const issues = refused.length > 0 ? refused : toIssues(validate.errors ?? []);
    throw new ValidationError(`Invalid input: ${issues.map((i) => `${i.path || 'input'} ${i.message}`).join('; ')}`, issues);
  };
}

interface Visit {
  value: unknown;
  key?: string;
  parent?: Visit;
  /** Containers from the root down to this value, the value included when it is one. */
  level: number;
}

/**
 * Values JSON can carry but the platform could not keep as sent, each named by
 * its path, instead of a stack overflow, a database error or a silently
 * changed value:
 * - containers nested more than MAX_INPUT_DEPTH levels;
 * - strings or property names with U+0000 or a lone UTF-16 surrogate (the
 *   database would cut or replace them). Filters and searches are strings
 *   like any other here, so they are refused too rather than matching nothing;
 * - numbers beyond ±(2^53 − 1): JSON numbers that large arrive rounded
 *   (9007199254740993 as …992) or as floats (1e19), never as sent.
 * The walk keeps its own stack, so a deep input cannot overflow the call stack.
 */
function unkeepableValues(input: unknown): Issue[] {
  const issues: Issue[] = [];
  const pending: Visit[] = [{ value: input, level: isContainer(input) ? 1 : 0 }];
  while (pending.length > 0 && issues.length < MAX_REPORTED) {
    const visit = pending.pop()!;
    const { value } = visit;
    if (typeof value === 'string') {
      const problem = stringProblem(value);
      if (problem) issues.push({ path: pathOf(visit), message: problem });
    } else if (typeof value === 'number') {
      if (Math.abs(value) > Number.MAX_SAFE_INTEGER)
        issues.push({ path: pathOf(visit), message: `is outside ±${Number.MAX_SAFE_INTEGER}, beyond which numbers do not arrive exactly` });
    } else if (isContainer(value)) {
      if (visit.level > MAX_INPUT_DEPTH) {
        issues.push({ path: pathOf(visit), message: `is nested more than ${MAX_INPUT_DEPTH} levels deep` });
        continue;
      }
      for (const [key, child] of Object.entries(value).reverse()) {
        const next: Visit = { value: child, key, parent: visit, level: visit.level + (isContainer(child) ? 1 : 0) };
        const problem = stringProblem(key);
        if (problem) issues.push({ path: pathOf(next), message: `has a name that ${problem}` });
        pending.push(next);
      }
    }
  }
  return issues;
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function stringProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (!(text as string & { isWellFormed(): boolean }).isWellFormed()) return 'contains a lone UTF-16 surrogate, which is not a character';
  return undefined;
}

/** `data.itens.0.descricao`, like the paths of schema errors. */
function pathOf(visit: Visit): string {
  const keys: string[] = [];
  for (let v: Visit | undefined = visit; v?.key !== undefined; v = v.parent) keys.push(v.key);
  return keys.reverse().join('.');
}

function toIssues(errors: ErrorObject[]): Issue[] {
  const issues = new Map<string, Issue>();
  for (const e of errors) {
    // anyOf alternatives repeat the same complaint; the anyOf error itself says it best.
    if (errors.some((o) => o.keyword === 'anyOf' && e !== o && e.instancePath.startsWith(o.instancePath))) continue;
    const issue = toIssue(e);
    if (!issues.has(issue.path)) issues.set(issue.path, issue);
  }
  return [...issues.values()];
}

function toIssue(e: ErrorObject): Issue {
  const base = e.instancePath.split('/').filter(Boolean).map(decodePointer);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return { path: [...base, String(p.additionalProperty)].join('.'), message: 'is not a known field' };
    case 'required':
      return { path: [...base, String(p.missingProperty)].join('.'), message: 'is required' };
    case 'enum':
      return { path: base.join('.'), message: `must be one of: ${(p.allowedValues as unknown[]).join(', ')}` };
    case 'anyOf':
      return { path: base.join('.'), message: 'has a value or operator that is not valid for this field' };
    default:
      return { path: base.join('.'), message: e.message ?? 'is invalid' };
  }
}

function decodePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
