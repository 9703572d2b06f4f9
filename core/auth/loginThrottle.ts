import type { Transaction } from 'sequelize';
import type { DataLayer } from '../service/dataLayer.js';
import { TooManyRequestsError } from '../errors/index.js';
import { parseStoredDate } from '../db/values/convertValues.js';

const ATTEMPT = 'platform.login_attempt';
/** One address may fail this many times more than one account (an office shares an IP). */
const IP_FACTOR = 5;

export interface ThrottleRules {
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

/**
 * Counts failed logins per account and per IP in the database, so the limit
 * holds across restarts and across every process of a cluster.
 */
export class LoginThrottle {
  constructor(
    private readonly layer: DataLayer,
    private readonly rules: ThrottleRules,
  ) {}

  static keys(email: string, ip: string): { account: string; ip: string } {
    return { account: `account:${email.trim().toLowerCase()}`, ip: `ip:${ip}` };
  }

  /** Throws TOO_MANY_REQUESTS while the account or the IP is locked. */
  async check(keys: { account: string; ip: string }): Promise<void> {
    const now = Date.now();
    for (const [kind, key] of [['account', keys.account], ['address', keys.ip]] as const) {
      const [found] = await this.layer.repo(ATTEMPT).rowsWhere({ key }, 1);
      const lockedUntil = found?.locked_until;
      const until = lockedUntil ? parseStoredDate(lockedUntil).getTime() : 0;
      if (until > now) {
        const seconds = Math.ceil((until - now) / 1000);
        throw new TooManyRequestsError(`Too many failed sign-in attempts for this ${kind}; try again in ${Math.ceil(seconds / 60)} minute(s)`, seconds);
      }
    }
  }

  async recordFailure(keys: { account: string; ip: string }): Promise<void> {
    await this.layer.datasourceOf(ATTEMPT).writeTransaction(async (tx) => {
      await this.bump(keys.account, this.rules.maxFailures, tx);
      await this.bump(keys.ip, this.rules.maxFailures * IP_FACTOR, tx);
    });
  }

  async recordSuccess(keys: { account: string }): Promise<void> {
    await this.layer.datasourceOf(ATTEMPT).writeTransaction((tx) => this.layer.repo(ATTEMPT).deleteWhere({ key: keys.account }, tx));
  }

  private async bump(key: string, max: number, tx: Transaction): Promise<void> {
    const repo = this.layer.repo(ATTEMPT);
    const now = new Date();
    const [found] = await repo.rowsWhere({ key }, 1, tx);
    if (!found) {
      await repo.insert({ key, failures: 1, window_start: now, version: 1, created_at: now, updated_at: now }, tx);
      return;
    }
    const windowStart = parseStoredDate(found.window_start).getTime();
    const fresh = now.getTime() - windowStart > this.rules.windowSeconds * 1000;
    const failures = fresh ? 1 : Number(found.failures) + 1;
    const lockedUntil = failures >= max ? new Date(now.getTime() + this.rules.lockSeconds * 1000) : null;
    await repo.update(found.id, { failures, window_start: fresh ? now : found.window_start, locked_until: lockedUntil, updated_at: now }, found.version, tx);
  }
}
