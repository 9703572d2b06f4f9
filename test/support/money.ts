/**
 * The test's own exact decimal arithmetic (BigInt units), written apart from
 * the plugin's so report expectations are computed independently.
 */

/** "12.5" at scale 2 → 1250n. Only plain non-negative decimals, as the dataset uses. */
export function units(text: string | null | undefined, scale: number): bigint {
  if (text === null || text === undefined || text === '') return 0n;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not a plain decimal: ${text}`);
  const frac = m[2] ?? '';
  if (frac.length > scale) throw new Error(`${text} has more than ${scale} decimals`);
  return BigInt(m[1]! + frac.padEnd(scale, '0'));
}

/** 1250n at scale 2 → "12.50". */
export function format(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${digits.slice(digits.length - scale)}` : ''}`;
}

/** numerator ÷ denominator rounded half away from zero. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

/** Percentage change with 2 decimals, or null when there is nothing to compare with. */
export function percentChange(current: bigint, previous: bigint): string | null {
  if (previous === 0n) return null;
  return format(divideRounded((current - previous) * 10_000n, previous), 2);
}

export const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);
