import type { JobDef } from '../plugin/types.js';
import { compileInputParser } from '../input/validateInput.js';

const parsers = new WeakMap<JobDef, (input: unknown) => unknown>();

/** The params checked against the job's schema; throws ValidationError naming each bad param. */
export function checkJobParams(job: JobDef, params: unknown): Record<string, unknown> {
  if (!job.params) return (params ?? {}) as Record<string, unknown>;
  let parse = parsers.get(job);
  if (!parse) {
    parse = compileInputParser(job.params);
    parsers.set(job, parse);
  }
  return parse(params ?? {}) as Record<string, unknown>;
}
