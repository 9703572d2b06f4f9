/**
 * The lines to show: the stored output, then the live lines it does not hold
 * yet. The row is written every half second or so, so the stored output may
 * end inside the live lines, or already hold all of them and more: the live
 * lines are matched against the latest place in the output where they start.
 */
const SEARCHED_LINES = 500;

export function mergeLines(stored: readonly string[], live: readonly string[]): string[] {
  if (live.length === 0) return [...stored];
  const lowest = Math.max(0, stored.length - live.length - SEARCHED_LINES);
  for (let start = stored.length - 1; start >= lowest; start--) {
    const count = Math.min(live.length, stored.length - start);
    if (matches(stored, start, live, count)) return [...stored, ...live.slice(count)];
  }
  return [...stored, ...live];
}

function matches(stored: readonly string[], from: number, live: readonly string[], count: number): boolean {
  for (let i = 0; i < count; i++) if (stored[from + i] !== live[i]) return false;
  return true;
}
