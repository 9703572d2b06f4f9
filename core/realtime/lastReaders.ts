/**
 * For rows under row rules: which row scopes could read each row at its last
 * change. A delete cannot be checked against the row (it is gone), so it goes
 * to exactly these scopes. The map is rewritten on every change of the row, so
 * a scope that lost the row (reassigned, or not connected when it changed) is
 * never told about its deletion. Bounded: a forgotten row only means its delete
 * reaches unscoped readers alone, which errs on the side of silence.
 */
export class LastReaders {
  private readonly scopesByRow = new Map<string, ReadonlySet<string>>();

  constructor(private readonly capacity = 50_000) {}

  /** Records the scopes that read the row at this change (none: forget it). */
  set(rowKey: string, scopeKeys: ReadonlySet<string>): void {
    this.scopesByRow.delete(rowKey);
    if (scopeKeys.size === 0) return;
    this.scopesByRow.set(rowKey, scopeKeys);
    if (this.scopesByRow.size > this.capacity) this.scopesByRow.delete(this.scopesByRow.keys().next().value!);
  }

  /** The scopes that could read the row last, forgetting the row (it is being deleted). */
  take(rowKey: string): ReadonlySet<string> {
    const scopes = this.scopesByRow.get(rowKey) ?? new Set<string>();
    this.scopesByRow.delete(rowKey);
    return scopes;
  }

  get size(): number {
    return this.scopesByRow.size;
  }
}
