// Issue 13, weakness 2: throttles count first, atomically, then compare. The attack that found it sent
// 400 parallel logins (50 passwords checked against a limit of 20) and 200 parallel token guesses
// (56 let through against a limit of 30): each request read the counter before any of them wrote it.
import { describe, expect, it } from 'vitest';
import { call, makeUser, postForm } from '../fixtures';

let ipSeq = 0;
const address = () => ({ 'cf-connecting-ip': `192.0.2.${++ipSeq}` });

// The limits of DESIGN §9: 20 failed sign-ins per account in 15 minutes, 30 bad link tokens a minute.
function tally(statuses: number[]) {
  const out: Record<number, number> = {};
  for (const s of statuses) out[s] = (out[s] ?? 0) + 1;
  return out;
}

describe('a parallel burst checks at most the limit', () => {
  it('checks 20 passwords of 80 sent at once to one account, and refuses the rest with 429', async () => {
    const user = await makeUser();
    const headers = address();
    const statuses = await Promise.all(
      Array.from({ length: 80 }, () =>
        postForm('/login', { login: user.login, password: 'not the password' }, { headers }).then((r) => r.status),
      ),
    );
    // 401 = the password was derived and compared; 429 = refused before any hashing.
    expect(tally(statuses)).toEqual({ 401: 20, 429: 80 - 20 });
  });

  it('answers 30 of 90 bad link tokens sent at once by one client as unknown (404), the rest 429', async () => {
    const headers = address();
    const statuses = await Promise.all(
      Array.from({ length: 90 }, (_, i) => call(`/s/burst-guess-${i}`, { headers }).then((r) => r.status)),
    );
    expect(tally(statuses)).toEqual({ 404: 30, 429: 90 - 30 });
  });
});
