/** Where the scheduler reads the time; tests pass their own to step through many slots at once. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
