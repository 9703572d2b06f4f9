/**
 * Client-side validation with the very JSON Schemas the server validates with
 * (`schemas.create` / `schemas.update` of platform.model), so a form never
 * accepts what the API would refuse. Errors come back as form field issues.
 */
import type { JsonSchema } from '../model/modelTypes.js';
import { firstIssuePerPath, type FieldIssue } from './fieldIssue.js';
import { checkSchema, type SchemaError } from './schemaCheck.js';

/**
 * Validates a procedure input (`{ data }`, `{ id, data, version }`) and returns
 * the issues with paths relative to `data` (`items.0.description`).
 */
export function validateInput(schema: JsonSchema, input: unknown): FieldIssue[] {
  return firstIssuePerPath(checkSchema(schema as Record<string, unknown>, input).map(toFieldIssue));
}

function toFieldIssue(error: SchemaError): FieldIssue {
  const segments = error.instancePath.split('/').slice(1).map(decodePointer);
  if (segments[0] === 'data') segments.shift();
  const params = error.params as Record<string, unknown>;
  const at = (extra?: string) => [...segments, ...(extra === undefined ? [] : [extra])].join('.');
  switch (error.keyword) {
    case 'required':
      return { path: at(String(params.missingProperty)), key: 'required' };
    case 'additionalProperties':
      return { path: at(), key: 'unknownField', params: { field: String(params.additionalProperty) } };
    case 'type':
      return { path: at(), key: error.data === null || error.data === undefined ? 'required' : 'invalidValue' };
    case 'maxLength':
      return { path: at(), key: 'tooLong', params: { limit: Number(params.limit) } };
    case 'minLength':
      return Number(params.limit) <= 1 ? { path: at(), key: 'required' } : { path: at(), key: 'tooShort', params: { limit: Number(params.limit) } };
    case 'minimum':
    case 'exclusiveMinimum':
      return { path: at(), key: 'tooSmall', params: { limit: Number(params.limit) } };
    case 'maximum':
    case 'exclusiveMaximum':
      return { path: at(), key: 'tooLarge', params: { limit: Number(params.limit) } };
    case 'maxItems':
      return { path: at(), key: 'tooManyItems', params: { limit: Number(params.limit) } };
    case 'enum':
      return { path: at(), key: 'invalidOption' };
    case 'format':
      return { path: at(), key: formatIssueKey(String(params.format)) };
    case 'pattern':
      return { path: at(), key: 'invalidFormat' };
    default:
      return { path: at(), key: 'invalidValue' };
  }
}

function formatIssueKey(format: string): FieldIssue['key'] {
  if (format === 'email') return 'invalidEmail';
  if (format === 'date') return 'invalidDate';
  if (format === 'date-time') return 'invalidDateTime';
  return 'invalidFormat';
}

function decodePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
