/**
 * Cron expressions read in an IANA time zone (cron-parser v5). Pure functions:
 * the scheduler, the manifest checks and the schedule hooks all use these.
 */
import { CronExpressionParser } from 'cron-parser';

/** Why a cron expression is invalid, or undefined when it is fine. */
export function cronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (!expression.trim().startsWith('@') && (fields.length < 5 || fields.length > 6)) {
    return `"${expression}" must have 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first`;
  }
  try {
    CronExpressionParser.parse(expression, { tz: 'UTC', strict: false });
    return undefined;
  } catch (e) {
    return `"${expression}" is not a valid cron expression: ${(e as Error).message}`;
  }
}

/** The first slot strictly after `after`. */
export function nextSlot(expression: string, timezone: string, after: Date): Date {
  return CronExpressionParser.parse(expression, { tz: timezone, currentDate: after }).next().toDate();
}

/** The latest slot at or before `at`. */
export function latestSlot(expression: string, timezone: string, at: Date): Date {
  // `prev()` is strictly before its start, so start a millisecond later to include `at` itself.
  return CronExpressionParser.parse(expression, { tz: timezone, currentDate: new Date(at.getTime() + 1) })
    .prev()
    .toDate();
}
