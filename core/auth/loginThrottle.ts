import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { Repositories } from '../db/repository/repositories.js';
import type { StoredRow } from '../db/repository/entityRepository.js';
import { TooManyRequestsError } from '../errors/index.js';
import { parseStoredDate } from '../values/storedDate.js';

const ATTEMPT = 'platform.login_attempt';
/** One address may fail this many times more than one account (an office shares an IP). */
const IP_FACTOR = 5;
/** Each round of a write race has a winner, so this only stops a runaway loop. */
const MAX_WRITE_ROUNDS = 100;

export interface ThrottleRules {
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

export interface ThrottleKeys {
  account: string;
  ip: string;
}

/** Another transaction changed the counter between our read and our write. */
class LostWriteRace extends Error {}

/**
 * Counts failed logins per account and per IP in the database, so the limit
 * holds across restarts and across every process of a cluster. An attempt is
 * booked as a failure before its password is checked and forgiven when it was
 * right: sign-ins running at the same time can never check more passwords
 * than the limit allows.
 */
export class LoginThrottle {
  constructor(
    private readonly repos: Repositories,
    private readonly rules: ThrottleRules,
  ) {}

  static keys(email: string, ip: string): ThrottleKeys {
    return { account: `account:${email.trim().toLowerCase()}`, ip: `ip:${ip}` };
  }

  /** Books one password check for the account and the address; throws TOO_MANY_REQUESTS, booking nothing, while either is locked. */
  async reserve(keys: ThrottleKeys): Promise<void> {
    await this.writeSettled(async (tx) => {
      await this.book(keys.account, 'account', this.rules.maxFailures, tx);
      await this.book(keys.ip, 'address', this.rules.maxFailures * IP_FACTOR, tx);
    });
  }

  /** The password was right: the account's failures are cleared and the address gets its booking back. */
  async recordSuccess(keys: ThrottleKeys): Promise<void> {
    await this.writeSettled(async (tx) => {
      await this.repos.repo(ATTEMPT).deleteWhere({ key: keys.account }, tx);
      await this.giveBack(keys.ip, this.rules.maxFailures * IP_FACTOR, tx);
    });
  }

  private async book(key: string, kind: 'account' | 'address', max: number, tx: Transaction): Promise<void> {
    const repo = this.repos.repo(ATTEMPT);
    const now = new Date();
    const found = await this.counter(key, tx);
    const lockedFor = found?.locked_until ? parseStoredDate(found.locked_until).getTime() - now.getTime() : 0;
    if (lockedFor > 0) {
      const seconds = Math.ceil(lockedFor / 1000);
      throw new TooManyRequestsError(`Too many failed sign-in attempts for this ${kind}; try again in ${Math.ceil(seconds / 60)} minute(s)`, seconds);
    }
    const fresh = !found || now.getTime() - parseStoredDate(found.window_start).getTime() > this.rules.windowSeconds * 1000;
    const failures = fresh ? 1 : Number(found.failures) + 1;
    const counted = {
      failures,
      locked_until: failures >= max ? new Date(now.getTime() + this.rules.lockSeconds * 1000) : null,
      updated_at: now,
      ...(fresh ? { window_start: now } : {}),
    };
    if (!found) await repo.insert({ key, ...counted, version: 1, created_at: now }, tx);
    else if (!(await repo.update(found.id, counted, found.version, tx))) throw new LostWriteRace();
  }

  private async giveBack(key: string, max: number, tx: Transaction): Promise<void> {
    const found = await this.counter(key, tx);
    if (!found || Number(found.failures) <= 0) return;
    const failures = Number(found.failures) - 1;
    const values = { failures, updated_at: new Date(), ...(failures < max ? { locked_until: null } : {}) };
    if (!(await this.repos.repo(ATTEMPT).update(found.id, values, found.version, tx))) throw new LostWriteRace();
  }

  private async counter(key: string, tx: Transaction): Promise<StoredRow | undefined> {
    const [found] = await this.repos.repo(ATTEMPT).rowsWhere({ key }, 1, tx);
    return found;
  }

  /**
   * Every write is conditional on the version read (or on the key being new),
   * so of two sign-ins counting at once on a database server one loses and
   * starts over on fresh data; SQLite writes one at a time and never loses.
   */
  private async writeSettled(work: (tx: Transaction) => Promise<void>): Promise<void> {
    for (let round = 1; ; round++) {
      try {
        return await this.repos.datasourceOf(ATTEMPT).writeTransaction(work);
      } catch (e) {
        const lost = e instanceof LostWriteRace || e instanceof UniqueConstraintError;
        if (!lost || round >= MAX_WRITE_ROUNDS) throw e;
      }
    }
  }
}
