import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';

/**
 * How failed sign-ins slow down: from the `free`-th failure on, the n-th makes the key wait
 * `base * 2^(n - free)` seconds, at most `capSeconds`; failures older than `forgetAfterSeconds` are
 * forgotten.
 */
export interface BackOff {
  readonly free: number;
  readonly baseSeconds: number;
  readonly capSeconds: number;
  readonly forgetAfterSeconds: number;
}

/**
 * Per account, the back-off is short (at most a minute) and a successful sign-in clears it: an attacker
 * guessing someone's password slows the guessing, never locks the person out. Per address, it is long:
 * that address is the one doing the guessing.
 */
export const ACCOUNT_BACK_OFF: BackOff = { free: 5, baseSeconds: 1, capSeconds: 60, forgetAfterSeconds: 15 * 60 };
export const ADDRESS_BACK_OFF: BackOff = { free: 10, baseSeconds: 1, capSeconds: 15 * 60, forgetAfterSeconds: 15 * 60 };

export interface SignInAttempt {
  /** The username as typed (lower-cased here), whether or not such a user exists. */
  readonly username: string;
  /** The client's address (behind a trusted proxy, the one the proxy reports). */
  readonly address: string;
}

/**
 * Failed sign-ins counted in the database, per account and per address, so every instance of the server
 * shares them (an attacker gains nothing by spreading guesses over instances).
 */
export class SignInThrottle {
  constructor(
    private readonly pool: DatabasePool,
    private readonly accountBackOff: BackOff = ACCOUNT_BACK_OFF,
    private readonly addressBackOff: BackOff = ADDRESS_BACK_OFF,
  ) {}

  private static keys(attempt: SignInAttempt): { account: string; address: string } {
    return { account: `user:${attempt.username.toLowerCase()}`, address: `address:${attempt.address}` };
  }

  /** Seconds to wait before this attempt may be checked (0: go ahead). */
  async waitSeconds(attempt: SignInAttempt): Promise<number> {
    const { account, address } = SignInThrottle.keys(attempt);
    const seconds = await this.pool.oneFirst(sql.type(z.object({ seconds: z.number() }))`
      SELECT coalesce(ceil(max(extract(epoch FROM blocked_until - now()))), 0)::int AS seconds
      FROM nem_sign_in_failures WHERE key IN (${account}, ${address}) AND blocked_until > now()`);
    return Math.max(0, seconds);
  }

  /** Counts a failed attempt against its account and its address. */
  async failed(attempt: SignInAttempt): Promise<void> {
    const { account, address } = SignInThrottle.keys(attempt);
    await this.pool.transaction(async (tx) => {
      for (const [key, backOff] of [
        [account, this.accountBackOff],
        [address, this.addressBackOff],
      ] as const) {
        // Failures older than the window start the count again; past the free ones, each doubles the wait.
        await tx.query(sql.unsafe`
          WITH previous AS (
            SELECT failures, last_failure_at FROM nem_sign_in_failures WHERE key = ${key} FOR UPDATE
          ), counted AS (
            SELECT CASE
              WHEN p.last_failure_at IS NULL
                OR p.last_failure_at < now() - ${backOff.forgetAfterSeconds} * interval '1 second' THEN 1
              ELSE p.failures + 1 END AS failures
            FROM (SELECT 1) AS one LEFT JOIN previous p ON true
          )
          INSERT INTO nem_sign_in_failures (key, failures, last_failure_at, blocked_until)
          SELECT ${key}, c.failures, now(),
            CASE WHEN c.failures >= ${backOff.free} THEN now() + least(
              ${backOff.capSeconds}::float8,
              ${backOff.baseSeconds}::float8 * power(2, c.failures - ${backOff.free})
            ) * interval '1 second' END
          FROM counted c
          ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,
            last_failure_at = excluded.last_failure_at, blocked_until = excluded.blocked_until`);
      }
      // Keep the table small: what nobody has failed at for a day is forgotten.
      await tx.query(sql.unsafe`DELETE FROM nem_sign_in_failures WHERE last_failure_at < now() - interval '1 day'`);
    });
  }

  /**
   * A successful sign-in clears its account's failures (not its address's: one valid account must not
   * let an address go on guessing others).
   */
  async succeeded(attempt: SignInAttempt): Promise<void> {
    const { account } = SignInThrottle.keys(attempt);
    await this.pool.query(sql.unsafe`DELETE FROM nem_sign_in_failures WHERE key = ${account}`);
  }
}
