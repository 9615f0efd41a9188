// Personal survey links (DESIGN §4). The token is derived, not random: HMAC-SHA256(LINK_SECRET,
// invitation id), so an admin can download the same links again without D1 ever holding them. D1
// stores only SHA-256(token): a leaked database alone reveals no link, and without LINK_SECRET no
// token can be computed from an id.
import { sha256Hex, toBase64Url } from '../lib/tokens';

/** 24 base64url characters = 144 bits, above the ≥128 bits DESIGN §4 asks, and short enough for a small QR code. */
export const TOKEN_LENGTH = 24;
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{24}$/;

const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    if (secret.length < 16) throw new Error('LINK_SECRET is missing or shorter than 16 characters');
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keys.set(secret, key);
  }
  return key;
}

export async function linkToken(secret: string, invitationId: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), new TextEncoder().encode(invitationId));
  return toBase64Url(new Uint8Array(mac)).slice(0, TOKEN_LENGTH);
}

/** What invitations.token_hash holds. */
export const tokenHash = (token: string) => sha256Hex(token);

/** Built from APP_ORIGIN, never from the Host header, so a forged Host cannot make links point elsewhere. */
export const linkUrl = (origin: string, token: string) => `${origin.replace(/\/+$/, '')}/s/${token}`;
