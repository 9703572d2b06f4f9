/** A problem with one form field, as a message key the UI translates (`validation.<key>`). */
import type { MessageKey } from '../i18n/translate.js';

/** Every `validation.<key>` message is an issue: a field type brings its own by adding its message. */
export type IssueKey = MessageKey extends infer K ? (K extends `validation.${infer Key}` ? Key : never) : never;

export interface FieldIssue {
  /** Form path: `customer`, `items.0.description`; '' for the record as a whole. */
  path: string;
  key: IssueKey;
  params?: Record<string, string | number>;
}

/** Keeps the first issue of each path: one clear message per field. */
export function firstIssuePerPath(issues: FieldIssue[]): FieldIssue[] {
  const seen = new Map<string, FieldIssue>();
  for (const issue of issues) if (!seen.has(issue.path)) seen.set(issue.path, issue);
  return [...seen.values()];
}
