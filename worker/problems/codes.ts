// 问题编号 (problems.code, UNIQUE): `W` + the visit date + `-` + 4 random RFC 4648 base32 characters,
// e.g. W20260412-3F9A — short enough to read out on the phone, dated so a ledger sorts by it.
// 32^4 ≈ 1 M codes per day: a collision is rare, and the memo write retries with fresh codes if one happens.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function problemCode(visitDate: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  let suffix = '';
  for (const b of bytes) suffix += ALPHABET[b & 31];
  return `W${visitDate.replaceAll('-', '')}-${suffix}`;
}

/** `n` distinct codes for the problems of one memo. */
export function problemCodes(visitDate: string, n: number): string[] {
  const codes = new Set<string>();
  while (codes.size < n) codes.add(problemCode(visitDate));
  return [...codes];
}
