// Retrying D1 writes (DESIGN §9: "retries only for D1's transient errors, always with an idempotency
// key"). A transient error says nothing about whether the write committed — "Network connection lost"
// can arrive after D1 applied the batch — so a write may be repeated only when repeating it cannot
// store it twice: its rows carry a key backed by a UNIQUE constraint, and the caller recognises the
// repeat's UNIQUE violation as "already stored". Everything else is thrown at once.
import { errorText, isUniqueViolation } from './db';

/**
 * The messages D1 documents as retryable, from the "Recommended action" column of its error list
 * (https://developers.cloudflare.com/d1/observability/debug-d1/#error-list) and its retry guide
 * (https://developers.cloudflare.com/d1/best-practices/retry-queries/):
 * - "D1_ERROR: Network connection lost."
 * - "D1_ERROR: Internal error in D1 DB storage caused object to be reset." (and "… while starting up …")
 * - "D1_ERROR: D1 DB reset because its code was updated."
 * - "D1_ERROR: Cannot resolve D1 DB due to transient issue on remote node."
 * Not retried: "D1 DB is overloaded" (retrying adds to the overload), and every SQL, type or
 * constraint error (repeating the statement gives the same answer).
 */
const TRANSIENT = [
  /Network connection lost/i,
  /storage caused object to be reset/i,
  /reset because its code was updated/i,
  /transient issue on remote node/i,
];
const CONSTRAINT = /constraint failed|SQLITE_CONSTRAINT/i;

export function isTransientD1Error(err: unknown): boolean {
  const text = errorText(err);
  if (CONSTRAINT.test(text) || isUniqueViolation(err)) return false;
  return TRANSIENT.some((re) => re.test(text));
}

export type RetryOptions = {
  /** True only when the write carries an idempotency key (see above); false means one attempt. */
  idempotent: boolean;
  /** Attempts in all, the first included. */
  attempts?: number;
  /** The first wait; each next one doubles (50, 100, 200 … ms). */
  baseDelayMs?: number;
  /** For tests: how to wait. */
  sleep?: (ms: number) => Promise<void>;
};

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn`, and again after a transient D1 error when the write is idempotent, with exponential
 * backoff and jitter (half the delay fixed, half random, so parallel retries spread out). The last
 * error is thrown as it is, so the caller's handling (UNIQUE → "already stored", storage → 503) stays.
 */
export async function withRetry<T>(
  fn: () => Promise<T>,
  { idempotent, attempts = 3, baseDelayMs = 50, sleep = wait }: RetryOptions,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!idempotent || attempt >= attempts || !isTransientD1Error(err)) throw err;
      const delay = baseDelayMs * 2 ** (attempt - 1);
      console.warn(`transient D1 error, retry ${attempt} of ${attempts - 1} in ~${delay} ms`);
      await sleep(delay / 2 + Math.random() * (delay / 2));
    }
  }
}
