/** A problem with one form field, as a message key the UI translates (`validation.<key>`). */

export type IssueKey =
  | 'required'
  | 'invalidNumber'
  | 'invalidInteger'
  | 'tooManyDecimals'
  | 'tooManyDigits'
  | 'invalidDate'
  | 'invalidDateTime'
  | 'invalidJson'
  | 'tooLong'
  | 'tooShort'
  | 'tooSmall'
  | 'tooLarge'
  | 'invalidFormat'
  | 'invalidEmail'
  | 'invalidOption'
  | 'invalidValue'
  | 'unknownField'
  | 'tooManyItems'
  | 'alreadyExists'
  | 'notFound'
  | 'server';

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
