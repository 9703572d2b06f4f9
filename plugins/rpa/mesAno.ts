/** The processo's competência, `MM/AAAA`, as the seed's system writes it. */
import type { BusinessCalendar } from '#core';

/** `MM/AAAA` of a `YYYY-MM-DD` date. */
export function mesAnoOf(isoDay: string): string {
  return `${isoDay.slice(5, 7)}/${isoDay.slice(0, 4)}`;
}

/** This month where the business runs (TIME_ZONE). */
export function mesAtual(calendar: BusinessCalendar): string {
  return mesAnoOf(calendar.today());
}

/** The month before `mesAno`. */
export function mesAnterior(mesAno: string): string {
  const [month, year] = mesAno.split('/').map(Number) as [number, number];
  return month === 1 ? `12/${year - 1}` : `${String(month - 1).padStart(2, '0')}/${year}`;
}
