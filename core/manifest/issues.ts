/** A problem found in a manifest: which file, where inside it, what was expected. */
export interface ManifestIssue {
  file: string;
  /** JSON pointer inside the file, e.g. `/entities/pedido/fields/cliente/to`. */
  path: string;
  message: string;
}

export class ManifestError extends Error {
  readonly issues: ManifestIssue[];
  constructor(issues: ManifestIssue[]) {
    super(formatManifestIssues(issues));
    this.name = 'ManifestError';
    this.issues = issues;
  }
}

export function formatManifestIssues(issues: ManifestIssue[]): string {
  const lines = issues.map((i) => `  ${i.file}#${i.path || '/'}: ${i.message}`);
  return `${issues.length} manifest problem${issues.length === 1 ? '' : 's'}:\n${lines.join('\n')}`;
}

/** JSON pointer segment escaping (RFC 6901). */
export function pointer(...segments: Array<string | number>): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
