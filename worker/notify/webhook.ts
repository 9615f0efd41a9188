// The signed webhook sender (issue 15): a JSON POST to the https URL the admin set, with
// `X-Bangfu-Signature: sha256=<hex HMAC-SHA256 of the exact body>` so the receiver (an office's bridge to
// SMS, 企业微信 or 政务钉钉) can tell our notifications from anyone else's. The key is WEBHOOK_SECRET, or
// one derived from LINK_SECRET for this purpose alone. A receiver verifies by computing the same HMAC
// over the raw body and comparing in constant time; `X-Bangfu-Delivery` is the outbox id, the same on
// every retry, so a receiver can drop a repeat.
import { toBase64Url } from '../lib/tokens';

const enc = new TextEncoder();
const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

async function hmac(key: string, text: string): Promise<ArrayBuffer> {
  const k = await crypto.subtle.importKey('raw', enc.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', k, enc.encode(text));
}

/** The signing key: WEBHOOK_SECRET, else HMAC(LINK_SECRET, 'bangfu webhook v1') so the link key itself never leaves. */
export async function webhookKey(env: Pick<Env, 'WEBHOOK_SECRET' | 'LINK_SECRET'>): Promise<string> {
  return env.WEBHOOK_SECRET || toBase64Url(new Uint8Array(await hmac(env.LINK_SECRET, 'bangfu webhook v1')));
}

export const signature = async (key: string, body: string) => `sha256=${hex(await hmac(key, body))}`;

/** POSTs one notification; throws on anything but a 2xx within 10 seconds. */
export async function postWebhook(url: string, key: string, deliveryId: number, payload: unknown): Promise<void> {
  const body = JSON.stringify(payload);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-bangfu-signature': await signature(key, body),
      'x-bangfu-delivery': String(deliveryId),
    },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  await res.body?.cancel();
  if (res.status < 200 || res.status > 299) throw new Error(`HTTP ${res.status}`);
}
