/** Field issues ↔ react-hook-form's nested error object, and the ids that tie labels, inputs and messages together. */
import type { FieldErrors, FieldValues } from 'react-hook-form';
import type { Translate } from '../i18n/translate.js';
import type { FieldIssue } from './fieldIssue.js';

export function issueText(issue: Pick<FieldIssue, 'key' | 'params'>, t: Translate): string {
  return t(`validation.${issue.key}`, issue.params);
}

/** `{ items: [ , { description: { type, message } }] }` from `items.1.description`; issues without a path go to `root`. */
export function toFormErrors(issues: FieldIssue[], t: Translate): FieldErrors<FieldValues> {
  const errors: Record<string, unknown> = {};
  for (const issue of issues) {
    const error = { type: issue.key, message: issueText(issue, t) };
    if (!issue.path) {
      errors.root = error;
      continue;
    }
    const keys = issue.path.split('.');
    let node: Record<string, unknown> = errors;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) {
        node[key] = error;
        return;
      }
      node[key] ??= /^\d+$/.test(keys[i + 1]!) ? [] : {};
      node = node[key] as Record<string, unknown>;
    });
  }
  return errors as FieldErrors<FieldValues>;
}

/** Every error message in a react-hook-form error tree, with its path. */
export function flattenErrors(errors: unknown, prefix = ''): { path: string; message: string }[] {
  if (!errors || typeof errors !== 'object') return [];
  const node = errors as Record<string, unknown>;
  if (typeof node.message === 'string' && typeof node.type === 'string') return [{ path: prefix, message: node.message }];
  return Object.entries(node).flatMap(([key, value]) => (key === 'ref' ? [] : flattenErrors(value, prefix ? `${prefix}.${key}` : key)));
}

/** The id of a form path's input: `items.0.description` → `field-items-0-description`. */
export function inputIdOf(path: string): string {
  return `field-${path.replace(/[^\w-]/g, '-')}`;
}
