import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { MANIFEST_SCHEMA } from './manifestSchema.js';
import type { ModuleManifest } from './types.js';
import type { ManifestIssue } from './issues.js';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile<ModuleManifest>(MANIFEST_SCHEMA);

/** Validates one parsed manifest against the manifest schema (manifestSchema.ts); returns every problem. */
export function validateManifestSchema(file: string, data: unknown): ManifestIssue[] {
  if (validate(data)) return [];
  return dedupe((validate.errors ?? []).filter(isUseful).map((e) => toIssue(file, e)));
}

// `if/then` wrappers only repeat what the inner error already says.
function isUseful(e: ErrorObject): boolean {
  return e.keyword !== 'if' && e.keyword !== 'propertyNames';
}

function toIssue(file: string, e: ErrorObject): ManifestIssue {
  // A bad property name is reported at the property itself, quoting it.
  if (e.propertyName !== undefined) {
    const pattern = String((e.params as { pattern?: string }).pattern ?? '');
    return {
      file,
      path: `${e.instancePath}/${e.propertyName}`,
      message: `invalid name "${e.propertyName}": must match ${pattern} (lower-case letters, digits and _, starting with a letter)`,
    };
  }
  return { file, path: e.instancePath, message: describe(e) };
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown property "${String(p.additionalProperty)}"`;
    case 'required':
      return `missing required property "${String(p.missingProperty)}"`;
    case 'enum':
      return `must be one of ${JSON.stringify(p.allowedValues)}`;
    case 'pattern':
      return `must match ${String(p.pattern)} (lower-case letters, digits and _ for names)`;
    default:
      return e.message ?? 'is invalid';
  }
}

function dedupe(issues: ManifestIssue[]): ManifestIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}|${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
