import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ValidationError, type Issue } from '../errors/index.js';
import type { JsonSchema } from './entitySchemas.js';

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false });
addFormats.default(ajv);

/** Compiles a schema into a parser that returns the input or throws ValidationError with per-field issues. */
export function compileInputParser<T = unknown>(schema: JsonSchema): (input: unknown) => T {
  const validate: ValidateFunction = ajv.compile(schema);
  return (input: unknown) => {
    const value = input === undefined ? {} : input;
    if (validate(value)) return value as T;
    const issues = toIssues(validate.errors ?? []);
    throw new ValidationError(`Invalid input: ${issues.map((i) => `${i.path || 'input'} ${i.message}`).join('; ')}`, issues);
  };
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
