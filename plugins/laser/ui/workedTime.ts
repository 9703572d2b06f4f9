/**
 * The running timer: the server says how long an apontamento had been worked
 * (`decorrido`) when it measured (`medido_em`); the tablet adds the time since
 * on its own clock. That time is counted from when the answer arrived, not
 * from `medido_em`, because a tablet's clock may be minutes off the server's.
 * A paused apontamento stays at `decorrido`.
 */
import { useEffect, useState } from 'react';
import { duration } from '#ui-plugin';
import type { ApontamentoResumo } from './laserApi.js';

export function workedMs(resumo: Pick<ApontamentoResumo, 'status' | 'decorrido'>, receivedAt: number, now: number): number {
  const measured = duration.parseDuration(resumo.decorrido) / 1000;
  return resumo.status === 'em_andamento' ? measured + Math.max(0, now - receivedAt) : measured;
}

/** 3723000 → "01:02:03" (hours keep growing past 99). */
export function clockText(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor((seconds % 3600) / 60))}:${two(seconds % 60)}`;
}

/** The local clock, read again every second while `ticking`. */
export function useNow(ticking: boolean): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [ticking]);
  return now;
}
