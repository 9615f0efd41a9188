// /admin/notifications: the 待办 sender and the webhook URL, and the deliveries that failed, which the
// admin can send again.
import { desc, eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { notifyInput } from '../../schema/inputs/notify';
import { outbox } from '../../schema/ledger-tables';
import { users } from '../../schema/tables';
import type { FormState } from '../../web/components/fields';
import { NotifyPage } from '../../web/pages/admin/notify';
import type { AppEnv } from '../app-env';
import { auditStatement } from '../lib/audit';
import { render } from '../lib/render';
import { validateForm } from '../lib/validate';
import { readNotifySettings, writeNotifySettings } from './settings';

export const notifyRoutes = new Hono<AppEnv>();

async function page(c: Context<AppEnv>, form?: FormState, saved = false) {
  const db = c.get('db');
  const [settings, failed] = await Promise.all([
    readNotifySettings(db),
    db
      .select({
        id: outbox.id,
        channel: outbox.channel,
        message: outbox.message,
        attempts: outbox.attempts,
        lastError: outbox.lastError,
        createdAt: outbox.createdAt,
        userName: users.name,
      })
      .from(outbox)
      .innerJoin(users, eq(users.id, outbox.userId))
      .where(eq(outbox.status, 'failed'))
      .orderBy(desc(outbox.id))
      .limit(50)
      .all(),
  ]);
  const values = form?.values ?? { channel: settings.channel, webhookUrl: settings.webhookUrl };
  const emailReady = Boolean(c.env.EMAIL && c.env.EMAIL_FROM);
  return <NotifyPage form={{ values, errors: form?.errors ?? {} }} failed={failed} saved={saved} emailReady={emailReady} />;
}

notifyRoutes.get('/', async (c) => render(c, await page(c, undefined, c.req.query('saved') === '1')));

notifyRoutes.post('/', async (c) => {
  const db = c.get('db');
  const input = await validateForm(c, notifyInput);
  if (!input.ok) return render(c, await page(c, input.state), 422);
  // Email needs Cloudflare's Email Sending binding: choosing it without one would only pile up failures.
  if (input.data.channel === 'email' && !(c.env.EMAIL && c.env.EMAIL_FROM)) {
    return render(c, await page(c, { values: input.values, errors: { channel: c.get('t')('notify.err.noEmail') } }), 422);
  }
  const now = Date.now();
  await db.batch([
    auditStatement(db, c, {
      action: 'notify_settings',
      objectType: 'settings',
      objectId: 'notify',
      detail: { channel: input.data.channel },
    }),
    ...writeNotifySettings(db, input.data, now),
  ]);
  return c.redirect('/admin/notifications?saved=1', 303);
});

/** Sends the failed deliveries again (from the next delivery on), audited. */
notifyRoutes.post('/retry', async (c) => {
  const db = c.get('db');
  await db.batch([
    db.update(outbox).set({ status: 'pending', attempts: 0, nextAttemptAt: Date.now(), leaseUntil: 0 }).where(eq(outbox.status, 'failed')),
    auditStatement(db, c, { action: 'notify_retry', objectType: 'outbox' }),
  ]);
  return c.redirect('/admin/notifications', 303);
});
