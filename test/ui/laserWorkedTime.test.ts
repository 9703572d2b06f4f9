/** The shop-floor timer's arithmetic: server time worked plus the local time since the answer, frozen while paused. */
import { describe, expect, it } from 'vitest';
import { clockText, workedMs } from '../../plugins/laser/ui/workedTime.js';

const receivedAt = 1_000_000;

describe('the shop-floor timer', () => {
  it('adds the time since the answer arrived to a running apontamento', () => {
    const running = { status: 'em_andamento', decorrido: '00:10:00.250000' } as const;
    expect(workedMs(running, receivedAt, receivedAt)).toBe(600_250);
    expect(clockText(workedMs(running, receivedAt, receivedAt + 65_000))).toBe('00:11:05');
  });

  it('stays at the server time while paused, however long the page waits', () => {
    const paused = { status: 'pausado', decorrido: '01:02:03.999999' } as const;
    expect(clockText(workedMs(paused, receivedAt, receivedAt + 3_600_000))).toBe('01:02:03');
  });

  it('never counts backwards when the local clock steps back', () => {
    expect(workedMs({ status: 'em_andamento', decorrido: '00:00:05' }, receivedAt, receivedAt - 30_000)).toBe(5_000);
  });

  it('keeps counting hours past a day', () => {
    expect(clockText(130 * 3_600_000 + 59_000)).toBe('130:00:59');
  });
});
