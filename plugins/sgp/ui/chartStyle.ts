/** Chart colours readable on the light and the dark theme; axis text follows the page's text colour. */
export const CHART_COLORS = ['#2f6fdb', '#e07b24', '#2a9d6f', '#c0417a', '#7a5af5', '#8a8f98'];

export const AXIS_TICK = { fill: 'currentColor', fontSize: 12 } as const;

export const GRID_STROKE = 'rgba(128, 128, 128, 0.25)';

/** Axis ticks only: "12 mil" / "12K" — tables keep the exact values. */
export function compactNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
