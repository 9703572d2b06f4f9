/** The reference month `MM/AAAA` the rpa module files invoices under, and its neighbours. */
import { todayIso } from '#ui-plugin';

export const MES_ANO = /^(0[1-9]|1[0-2])\/\d{4}$/;

export function currentMesAno(): string {
  const [y, m] = todayIso().split('-');
  return `${m}/${y}`;
}

export function shiftMesAno(mesAno: string, months: number): string {
  const [m, y] = mesAno.split('/').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${String((index % 12) + 1).padStart(2, '0')}/${Math.floor(index / 12)}`;
}
