/** The time worked on an apontamento as HH:MM:SS, ticking while it runs and frozen while paused. */
import type { ApontamentoResumo } from './laserApi.js';
import { clockText, useNow, workedMs } from './workedTime.js';

interface WorkedClockProps {
  resumo: ApontamentoResumo;
  /** When the answer carrying `resumo` arrived (local clock). */
  receivedAt: number;
  className: string;
}

export function WorkedClock({ resumo, receivedAt, className }: WorkedClockProps) {
  const ms = workedMs(resumo, receivedAt, useNow(resumo.status === 'em_andamento'));
  return (
    <time className={`${className} shop-floor-clock`} dateTime={`PT${Math.floor(ms / 1000)}S`}>
      {clockText(ms)}
    </time>
  );
}
