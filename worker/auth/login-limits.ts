// Who may try a password now (DESIGN §9, issue 13), after OWASP's device-cookie scheme:
// - a browser with a valid device cookie for the account (device-cookie.ts) is judged only on its own
//   failures: 10 in 15 minutes lock that cookie, nobody else's;
// - every other client shares the account's limit (20 in 15 minutes), an account-wide ceiling across
//   all addresses (100 an hour, against guessing spread over many addresses), and a per-address limit
//   high enough for an office behind one NAT (100 in 15 minutes).
// Each counter is hit before the password is derived (count first, then compare), in one batch where a
// counter counts only when the ones before it let the attempt through: so an account's refused attempts
// never use up its address's budget, and failures on one account cannot block another account's
// sign-ins from the same address (at most 20 of the address's 100 come from any one account).
import type { Db } from '../app-env';
import { d1Of } from '../lib/db';
import { type Counter, countOf, hitIfUnderStatement, hitStatement, type Limit, refundStatement } from '../lib/throttle';

const MINUTE = 60_000;
export const LOGIN_LIMITS = {
  device: { limit: 10, windowMs: 15 * MINUTE },
  account: { limit: 20, windowMs: 15 * MINUTE },
  accountHour: { limit: 100, windowMs: 60 * MINUTE },
  address: { limit: 100, windowMs: 15 * MINUTE },
} as const satisfies Record<string, Limit>;

export type Attempt = { allowed: boolean; counted: Counter[]; now: number };

export type Client = { login: string; ip: string | null; device: string | null };

function countersOf({ login, ip, device }: Client): Counter[] {
  if (device) return [{ name: `login:d:${device}`, limit: LOGIN_LIMITS.device }];
  const account = login.toLowerCase();
  return [
    { name: `login:u:${account}`, limit: LOGIN_LIMITS.account },
    { name: `login:h:${account}`, limit: LOGIN_LIMITS.accountHour },
    ...(ip ? [{ name: `login:ip:${ip}`, limit: LOGIN_LIMITS.address }] : []),
  ];
}

/** Counts a sign-in attempt against every counter of the client, in one round trip, before any password is derived. */
export async function countAttempt(db: Db, client: Client, now = Date.now()): Promise<Attempt> {
  const counters = countersOf(client);
  const statements = counters.map((k, i) =>
    i === 0 ? hitStatement(db, k.name, k.limit, now) : hitIfUnderStatement(db, k, counters.slice(0, i), now),
  );
  const results = await d1Of(db).batch(statements);
  const counts = results.map(countOf);
  const allowed = counts.every((n, i) => n !== null && n <= (counters[i]?.limit.limit ?? 0));
  return { allowed, counted: counters.filter((_, i) => counts[i] !== null), now };
}

/** The right password was not a failure: its hits are given back. */
export async function refundAttempt(db: Db, attempt: Attempt): Promise<void> {
  if (attempt.counted.length === 0) return;
  await d1Of(db).batch(attempt.counted.map((k) => refundStatement(db, k.name)));
}
