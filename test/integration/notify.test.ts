// The outbox and its senders (worker/notify/). The signed webhook is received by a real local HTTP
// server (vitest.config.ts webhookReceiver): the Worker posts to https://hooks.bangfu.test, which
// miniflare's outbound service hands to that server over loopback. The test checks the body, the HMAC
// signature a receiver would verify, the retries with backoff and the failures shown to the admin; the
// email sender is driven through a stand-in of Cloudflare's Email Sending binding.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { outbox, settings } from '../../schema/ledger-tables';
import { users } from '../../schema/tables';
import { backoffMs, deliverOutbox, MAX_ATTEMPTS } from '../../worker/notify/deliver';
import { signature, webhookKey } from '../../worker/notify/webhook';
import { db, makeUnit, postForm } from '../fixtures';
import { dispatchTo, handlerOf, memoWithProblem, page, pairedOfficer, theAdmin } from '../fixtures/memos';
import { changed, tableCounts } from '../security/helpers';

type Received = { method: string; path: string; headers: Record<string, string>; body: string };
const received = async (): Promise<Received[]> => (await fetch('https://hooks.bangfu.test/__received')).json();
const settle = () => new Promise((r) => setTimeout(r, 50));

/** Waits until the receiver holds a request for `path` whose body contains `text` (deliveries after a write run in the background). */
async function receivedAt(path: string, text: string): Promise<Received> {
  for (let i = 0; i < 100; i++) {
    const hit = (await received()).find((r) => r.path === path && r.body.includes(text));
    if (hit) return hit;
    await settle();
  }
  throw new Error(`the receiver never got a request at ${path} with ${text}`);
}

let w: { admin: string; officer: Awaited<ReturnType<typeof pairedOfficer>>; unit: string; handler: Awaited<ReturnType<typeof handlerOf>> };

beforeAll(async () => {
  const admin = await theAdmin();
  const unit = await makeUnit();
  w = { admin: admin.cookie, officer: await pairedOfficer(), unit: unit.id, handler: await handlerOf(unit.id) };
});

const setSender = (channel: string, webhookUrl = '') => postForm('/admin/notifications', { channel, webhookUrl }, { cookie: w.admin });

describe('notification settings', () => {
  it('refuse a webhook URL that is not https, and email without the binding, with 422, storing nothing', async () => {
    for (const [channel, url] of [
      ['webhook', 'http://hooks.bangfu.test/x'],
      ['webhook', 'ftp://hooks.bangfu.test/x'],
      ['webhook', ''],
      ['none', 'javascript:alert(1)'],
      ['email', ''],
      ['sms', ''],
    ] as const) {
      const before = await tableCounts();
      const res = await setSender(channel, url);
      expect(res.status, `${channel} ${url}`).toBe(422);
      expect(changed(before, await tableCounts()), `${channel} ${url}`).toEqual({});
    }
    expect(await (await setSender('webhook', 'http://x.test')).text()).toContain('请填写有效的 https 地址');
  });
});

describe('the signed webhook', () => {
  it('posts each new 待办 to the URL right after the move, signed with HMAC-SHA256 over the body', async () => {
    expect((await setSender('webhook', 'https://hooks.bangfu.test/bridge/ok')).status).toBe(303);
    const p = await memoWithProblem(w.officer.cookie, w.officer.enterprise.id);
    await dispatchTo(p.id, w.unit);
    // The 受理 待办 of the unit's handler, delivered in the background after the 交办.
    const hit = await receivedAt('/bridge/ok', `请受理问题 ${p.code}`);
    expect(hit.method).toBe('POST');
    const body = JSON.parse(hit?.body ?? '{}');
    expect(body).toMatchObject({
      kind: 'accept',
      user: { login: w.handler.user.login, name: w.handler.user.name },
      problem: { id: p.id, code: p.code, url: `https://bangfu.test/problems/${p.id}` },
    });
    expect(body.message).toContain(`请受理问题 ${p.code}`);
    // What a receiver does: recompute the HMAC over the exact bytes received, with the shared key.
    expect(hit?.headers['x-bangfu-signature']).toBe(await signature(await webhookKey(env), hit?.body ?? ''));
    expect(hit?.headers['x-bangfu-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(hit?.headers['content-type']).toContain('application/json');
    const row = await db()
      .select()
      .from(outbox)
      .where(eq(outbox.id, Number(hit?.headers['x-bangfu-delivery'])))
      .get();
    expect(row).toMatchObject({ channel: 'webhook', status: 'sent', attempts: 1, userId: w.handler.user.id });
    // A key from WEBHOOK_SECRET when one is set; derived from LINK_SECRET otherwise (never the link key itself).
    expect(await webhookKey({ ...env, WEBHOOK_SECRET: 's3cret' })).toBe('s3cret');
    expect(await webhookKey(env)).not.toBe(env.LINK_SECRET);
  });

  it('retries a failing receiver with backoff, then marks the delivery failed and shows it to the admin', async () => {
    expect((await setSender('webhook', 'https://hooks.bangfu.test/fail/bridge')).status).toBe(303);
    const p = await memoWithProblem(w.officer.cookie, w.officer.enterprise.id);
    const rowOf = async () =>
      (await db().select().from(outbox).where(eq(outbox.channel, 'webhook')).all()).filter((r) => r.message.includes(p.code));
    await receivedAt('/fail/bridge', p.code); // the background attempt after the memo
    await settle();
    let [row] = await rowOf();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500' });
    let now = row?.nextAttemptAt ?? 0;
    expect(now - (row?.createdAt ?? 0)).toBeGreaterThanOrEqual(backoffMs(1));
    // Not due yet: nothing is sent.
    expect(await deliverOutbox(db(), env, now - 1)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      const d = await deliverOutbox(db(), env, now);
      expect(d.sent).toBe(0);
      [row] = await rowOf();
      expect(row?.attempts).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) expect(row?.nextAttemptAt).toBe(now + backoffMs(attempt));
      now = row?.nextAttemptAt ?? now;
    }
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastError: 'HTTP 500' });
    expect((await received()).filter((r) => r.path === '/fail/bridge' && r.body.includes(p.code))).toHaveLength(MAX_ATTEMPTS);
    // Shown to the admin (home and the notifications page), who can send it again.
    expect((await page(w.admin, '/admin')).html).toContain('待办通知发送失败');
    const listed = (await page(w.admin, '/admin/notifications')).html;
    expect(listed).toContain(p.code);
    expect(listed).toContain('HTTP 500');
    expect((await postForm('/admin/notifications/retry', {}, { cookie: w.admin })).status).toBe(303);
    [row] = await rowOf();
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    await setSender('none');
    await db().update(outbox).set({ status: 'failed' }).where(eq(outbox.status, 'pending'));
  });
});

describe('the email sender', () => {
  it('sends through the Email Sending binding when configured, and fails visibly without an address', async () => {
    // Chosen directly in settings: this test environment has no real binding, so the page refuses it.
    await db()
      .insert(settings)
      .values({ key: 'notify.channel', value: 'email', updatedAt: 0 })
      .onConflictDoUpdate({ target: settings.key, set: { value: 'email' } });
    await db().update(users).set({ email: 'handler@unit.gov.cn' }).where(eq(users.id, w.handler.user.id));
    const p = await memoWithProblem(w.officer.cookie, w.officer.enterprise.id);
    await dispatchTo(p.id, w.unit);
    const sent: { from: string; to: string; subject: string; text: string }[] = [];
    const EMAIL = { send: async (m: (typeof sent)[number]) => void sent.push(m) } as unknown as SendEmail;
    // (The background delivery after each write had no binding and failed its first attempt: retry later.)
    const d = await deliverOutbox(db(), { ...env, EMAIL, EMAIL_FROM: 'noreply@bangfu.gov.cn' }, Date.now() + 2 * backoffMs(1));
    expect(sent.find((m) => m.to === 'handler@unit.gov.cn')).toMatchObject({
      from: 'noreply@bangfu.gov.cn',
      subject: '【帮扶企业服务平台】待办提醒',
    });
    expect(sent.find((m) => m.to === 'handler@unit.gov.cn')?.text).toContain(`https://bangfu.test/problems/${p.id}`);
    // The admins have no address: their 交办 待办 of the memo could not go out.
    const admins = (await db().select().from(outbox).where(eq(outbox.channel, 'email')).all()).filter((r) => r.lastError);
    expect(admins.every((r) => r.lastError === 'no email address')).toBe(true);
    expect(d.sent).toBe(1);
    // Without the binding, nothing pretends to be sent.
    const none = await deliverOutbox(db(), env, Date.now() + 10 * backoffMs(2));
    expect(none.sent).toBe(0);
  });
});
