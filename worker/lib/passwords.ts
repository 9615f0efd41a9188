// PBKDF2-SHA256 password hashes with their parameters stored in the hash, so the iteration count can
// change later without invalidating old hashes. Workers' WebCrypto refuses more than 100,000
// iterations, and a stored hash claiming more (a tampered row) is refused before any derivation so it
// cannot be used to burn CPU (DESIGN §9).
import { fromBase64Url, toBase64Url } from './tokens';

export const PBKDF2_ITERATIONS = 100_000;
const MAX_ITERATIONS = 100_000;
const MIN_ITERATIONS = 10_000;
/** Longer passwords are refused before hashing (issue 7: one over 1 KB). */
export const MAX_PASSWORD_BYTES = 1024;

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, iterations);
  return `pbkdf2_sha256$${iterations}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

type Parsed = { iterations: number; salt: Uint8Array<ArrayBuffer>; hash: Uint8Array };

function parseHash(stored: string): Parsed | null {
  const [scheme, iter, salt, hash, ...rest] = stored.split('$');
  if (scheme !== 'pbkdf2_sha256' || rest.length > 0 || !iter || !salt || !hash) return null;
  const iterations = Number(iter);
  if (!Number.isInteger(iterations) || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) return null;
  const s = fromBase64Url(salt);
  const h = fromBase64Url(hash);
  if (!s || !h || s.length < 8 || h.length !== 32) return null;
  return { iterations, salt: s, hash: h };
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

// A fixed hash verified when the user is unknown or has no password yet, so those cases take the same
// time as a wrong password.
const DUMMY_SALT = new Uint8Array(16);

/** True only for a well-formed hash that matches. `stored` null means "no such user": same work done. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  // The input schemas refuse these first; this keeps any other caller from deriving on megabytes.
  if (new TextEncoder().encode(password).length > MAX_PASSWORD_BYTES) return false;
  const parsed = stored ? parseHash(stored) : null;
  if (stored && !parsed) return false; // malformed or out-of-range parameters: refused without deriving
  const derived = await derive(password, parsed?.salt ?? DUMMY_SALT, parsed?.iterations ?? PBKDF2_ITERATIONS);
  return parsed ? constantTimeEqual(derived, parsed.hash) : false;
}
