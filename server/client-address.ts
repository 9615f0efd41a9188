// Whose request is this (issue 23)? On Workers, Cloudflare sets CF-Connecting-IP itself and the app reads
// it (worker/lib/audit.ts clientIp: throttles, audit rows). On one server the same header is set here,
// by the server, before the app sees the request: any CF-Connecting-IP a client sent is dropped, and the
// address is the TCP peer's — or, only when that peer is one of TRUSTED_PROXIES (the reverse proxy),
// the nearest address in X-Forwarded-For that is not itself a trusted proxy. A client that forges
// X-Forwarded-For or CF-Connecting-IP without going through a trusted proxy is seen as itself.
import { BlockList, isIP } from 'node:net';

/** IPv4 peers of a dual-stack socket come as ::ffff:1.2.3.4. */
const plain = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');

export type ProxyList = { has(address: string): boolean };

/** TRUSTED_PROXIES entries: addresses (127.0.0.1, ::1) or networks (10.0.0.0/8, fd00::/8). */
export function proxyList(entries: string[]): ProxyList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`TRUSTED_PROXIES: ${JSON.stringify(entry)} is not an address or a network`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return {
    has(address: string) {
      const a = plain(address);
      const family = isIP(a);
      return family !== 0 && list.check(a, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/** The client's address for a request from `peer` carrying `forwardedFor` (X-Forwarded-For). */
export function clientAddress(peer: string | undefined, forwardedFor: string | null, trusted: ProxyList): string | undefined {
  if (!peer) return undefined;
  if (!trusted.has(peer) || !forwardedFor) return plain(peer);
  const hops = forwardedFor
    .split(',')
    .map((h) => plain(h.trim()))
    .filter((h) => isIP(h) !== 0);
  // Right to left: each proxy appends the address it saw; the first one no trusted proxy added is the client.
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted.has(hops[i] as string)) return hops[i];
  return hops[0] ?? plain(peer);
}

/** The request as the app receives it, with CF-Connecting-IP set by the server alone. */
export function withClientAddress(req: Request, address: string | undefined): Request {
  const headers = new Headers(req.headers);
  headers.delete('cf-connecting-ip');
  if (address) headers.set('cf-connecting-ip', address);
  return new Request(req, { headers });
}
