// A bounded load of mixed, audited requests against a running local server (issue 13, "audit:verify
// passes after a bounded load of 2,000 mixed requests against npm run dev"):
//   node scripts/audit-load.ts --origin http://127.0.0.1:8787 [--requests 2000] [--concurrency 16]
// It signs in as the demo admin, opens new survey rounds over the demo programme to get fresh links, then
// sends the mix below at the given concurrency — admin pages and creations, exports, failed and throttled
// sign-ins, cross-site posts, forged session cookies, bad link tokens, link opens, submissions and
// refused resubmissions — and prints the status counts per kind. Then run `npm run audit:verify`.
import { parseArgs } from 'node:util';
import { DEMO_PASSWORDS, demoForm, demoProgramme } from '../schema/seed/demo.ts';

const { values } = parseArgs({
  options: { origin: { type: 'string' }, requests: { type: 'string' }, concurrency: { type: 'string' } },
});
if (!values.origin) {
  console.error('usage: node scripts/audit-load.ts --origin http://127.0.0.1:8787 [--requests 2000] [--concurrency 16]');
  process.exit(2);
}
const ORIGIN = values.origin.replace(/\/+$/, '');
const TOTAL = Number(values.requests ?? 2000);
const CONCURRENCY = Number(values.concurrency ?? 16);

type Init = RequestInit & { cookie?: string; ip?: string };
let sent = 0;
async function send(path: string, init: Init = {}): Promise<Response> {
  sent++;
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set('cookie', init.cookie);
  if (init.ip) headers.set('cf-connecting-ip', init.ip);
  if (init.method && init.method !== 'GET' && !headers.has('origin')) headers.set('origin', ORIGIN);
  return fetch(`${ORIGIN}${path}`, { ...init, headers, redirect: 'manual' });
}
const form = (data: Record<string, string>, init: Init = {}) => ({
  ...init,
  method: 'POST',
  body: new URLSearchParams(data).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...(init.headers as Record<string, string>) },
});
const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0] ?? '';

// The demo admin, signed in once from a fixed address.
const signIn = await send('/login', form({ login: 'admin', password: DEMO_PASSWORDS.admin }, { ip: '10.0.0.1' }));
const admin = cookieOf(signIn, '__Host-sid');
if (signIn.status !== 303 || !admin) throw new Error(`admin sign-in answered ${signIn.status}`);

/** Fresh links: new rounds over the demo programme (every paired enterprise), their links CSV. */
async function freshLinks(rounds: number): Promise<string[]> {
  const links: string[] = [];
  for (let i = 0; i < rounds; i++) {
    const created = await send(
      '/admin/rounds',
      form(
        {
          programmeId: demoProgramme.id,
          formVersionId: demoForm.versionId,
          name: `负载测试批次 ${Date.now()}-${i}`,
          opensAt: '2026-01-01T00:00',
          closesAt: '2099-12-31T23:59',
          mode: 'all',
          n: '',
          percent: '',
          stratify: 'none',
          excludeDays: '',
          seed: `load-${i}`,
        },
        { cookie: admin, ip: '10.0.0.1' },
      ),
    );
    const location = created.headers.get('location') ?? '';
    if (created.status !== 303 || !location) throw new Error(`creating a round answered ${created.status}`);
    const csv = await (await send(`${location}/links.csv`, { cookie: admin, ip: '10.0.0.1' })).text();
    links.push(...[...csv.matchAll(/\/s\/([A-Za-z0-9_-]{24})/g)].map((m) => m[1] as string));
  }
  return links;
}

const VALID = {
  contact_month: 'yes',
  onsite_month: 'yes',
  attitude: '5',
  responsiveness: '4',
  effectiveness: '4',
  policy_help: '5',
  integrity: '5',
  overall: '5',
  suggestions: '负载测试',
};

// About one operation in seven is a survey answer (weight 20 of 100, three requests each): a link each.
const links = await freshLinks(Math.ceil((TOTAL * 0.15) / 12));
let linkAt = 0;
const answered: { cookie: string; round: string }[] = [];

/** One request of each kind; the weights add up to 100. */
const KINDS: [string, number, (i: number) => Promise<Response>][] = [
  [
    'admin page',
    20,
    (i) => send(['/admin', '/admin/units', '/admin/audit', '/admin/programmes', '/admin/rounds'][i % 5] as string, { cookie: admin }),
  ],
  ['admin create', 15, (i) => send('/admin/units', form({ name: `负载单位-${Date.now()}-${i}` }, { cookie: admin }))],
  ['export', 5, () => send('/admin/audit.csv?action=create', { cookie: admin })],
  ['failed sign-in', 10, (i) => send('/login', form({ login: `guess${i % 7}`, password: 'Winter2026!' }, { ip: `10.1.0.${i % 3}` }))],
  ['cross-site post', 10, (i) => send('/memos', form({ a: '1' }, { ip: `10.2.0.${i % 5}`, headers: { origin: 'https://evil.example' } }))],
  ['forged session', 10, (i) => send('/admin/units', { cookie: `__Host-sid=forged${i}`, ip: `10.3.0.${i % 5}` })],
  ['bad link token', 10, (i) => send(`/s/guess${i}`, { ip: `10.4.0.${i % 2}` })],
  [
    'survey',
    20,
    async (i) => {
      const token = links[linkAt++];
      const previous = answered[i % Math.max(1, answered.length)];
      if (!token) return previous ? send(`/s?round=${previous.round}`, form(VALID, { cookie: previous.cookie })) : send('/s');
      const opened = await send(`/s/${token}`, { ip: `10.5.${i % 250}.1` });
      const cookie = cookieOf(opened, '__Host-sv');
      const page = await (await send('/s', { cookie })).text();
      const round = /action="\/s\?round=([0-9a-f-]{36})"/.exec(page)?.[1] ?? '';
      answered.push({ cookie, round });
      return send(`/s?round=${round}`, form(VALID, { cookie, ip: `10.5.${i % 250}.1` }));
    },
  ],
];

// Kinds drawn by weight until TOTAL HTTP requests were sent (a survey answer is three: open, page, post).
const wheel: number[] = [];
for (const [k, [, weight]] of KINDS.entries()) for (let n = 0; n < weight; n++) wheel.push(k);
const counts = new Map<string, Map<number, number>>();
const setup = sent;
sent = 0;
const started = Date.now();
let op = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (sent < TOTAL) {
      const i = op++;
      const [name, , run] = KINDS[wheel[Math.floor(Math.random() * wheel.length)] as number] as (typeof KINDS)[number];
      const res = await run(i);
      await res.arrayBuffer();
      const byStatus = counts.get(name) ?? new Map<number, number>();
      byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
      counts.set(name, byStatus);
    }
  }),
);
const seconds = (Date.now() - started) / 1000;
console.log(
  `${sent} requests (${op} operations) in ${seconds.toFixed(1)} s (${(sent / seconds).toFixed(0)}/s), concurrency ${CONCURRENCY}; ` +
    `set-up: ${setup} requests, ${links.length} fresh links`,
);
for (const [name, byStatus] of counts) console.log(`  ${name.padEnd(16)} ${[...byStatus].map(([s, n]) => `${s}×${n}`).join('  ')}`);
