/**
 * A BAD_REQUEST's `data.issues` (`{ path: 'data.items.0.description', message }`)
 * → form field issues, with the server's known messages turned into message
 * keys the UI translates; other messages are shown as the server wrote them.
 */
import { firstIssuePerPath, type FieldIssue } from './fieldIssue.js';

export interface ServerIssue {
  path: string;
  message: string;
}

const KNOWN_MESSAGES: { pattern: RegExp; toIssue: (m: RegExpExecArray) => Pick<FieldIssue, 'key' | 'params'> }[] = [
  { pattern: /^is required$/, toIssue: () => ({ key: 'required' }) },
  { pattern: /already exists$/, toIssue: () => ({ key: 'alreadyExists' }) },
  { pattern: /^no .+ with id \S+$/, toIssue: () => ({ key: 'notFound' }) },
  { pattern: /^must be >= (-?[\d.]+)$/, toIssue: (m) => ({ key: 'tooSmall', params: { limit: m[1]! } }) },
  { pattern: /^must be <= (-?[\d.]+)$/, toIssue: (m) => ({ key: 'tooLarge', params: { limit: m[1]! } }) },
  { pattern: /^must NOT have more than (\d+) characters$/, toIssue: (m) => ({ key: 'tooLong', params: { limit: Number(m[1]) } }) },
  { pattern: /^is not a known field$/, toIssue: () => ({ key: 'unknownField', params: { field: '' } }) },
];

/** Form path of a server issue path: `data.customer` → `customer`; `data` or '' → '' (the whole record). */
export function formPathOf(serverPath: string): string {
  if (serverPath === 'data') return '';
  return serverPath.startsWith('data.') ? serverPath.slice('data.'.length) : serverPath;
}

export function serverIssuesToFieldIssues(issues: readonly ServerIssue[]): FieldIssue[] {
  return firstIssuePerPath(
    issues.map((issue) => {
      const path = formPathOf(issue.path);
      for (const known of KNOWN_MESSAGES) {
        const match = known.pattern.exec(issue.message);
        if (match) return { path, ...known.toIssue(match) };
      }
      return { path, key: 'server', params: { text: issue.message } };
    }),
  );
}
