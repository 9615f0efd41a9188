// Delivering the outbox (issue 15): right after a write that opened 待办 (in the background, bounded)
// and from the daily run. A run claims its rows first with one atomic UPDATE … RETURNING (a lease), so two
// runs never send one row at once; each row goes out on the channel it was written with. A failure is
// retried with backoff (1, 4, 16, 64 minutes) up to MAX_ATTEMPTS, then the row is 'failed' and the admin
// sees it (/admin/notifications). Raw SQL with fixed text.
import type { Context } from 'hono';
import { translator } from '../../web/i18n';
import type { AppEnv, Db } from '../app-env';
import { d1Of } from '../lib/db';
import { readNotifySettings } from './settings';
import { postWebhook, webhookKey } from './webhook';

export const MAX_ATTEMPTS = 5;
const LEASE_MS = 2 * 60_000;
export const backoffMs = (attempts: number) => 60_000 * 4 ** (attempts - 1);

const CLAIM = `UPDATE outbox SET lease_until = ?1
  WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?2 AND lease_until <= ?2 ORDER BY id LIMIT ?3)
  RETURNING id, todo_id AS todoId, user_id AS userId, channel, message, attempts, created_at AS createdAt`;
const DETAILS = `SELECT u.id, u.login, u.name, u.phone, u.email, t.kind, t.due_on AS dueOn, p.id AS problemId, p.code
  FROM users u LEFT JOIN todos t ON t.id = ?2 LEFT JOIN problems p ON p.id = t.problem_id WHERE u.id = ?1`;
const SENT = `UPDATE outbox SET status = 'sent', sent_at = ?2, attempts = attempts + 1, last_error = '', lease_until = 0 WHERE id = ?1`;
const FAILED = `UPDATE outbox SET attempts = ?2, last_error = ?3, lease_until = 0, next_attempt_at = ?4,
  status = CASE WHEN ?2 >= ${MAX_ATTEMPTS} THEN 'failed' ELSE 'pending' END WHERE id = ?1`;

type Claimed = { id: number; todoId: number | null; userId: string; channel: string; message: string; attempts: number; createdAt: number };
type Details = {
  id: string;
  login: string;
  name: string;
  phone: string | null;
  email: string | null;
  kind: string | null;
  dueOn: string | null;
  problemId: string | null;
  code: string | null;
};

export type Delivery = { sent: number; retrying: number; failed: number };

/** Sends what is due now, at most `limit` rows. */
export async function deliverOutbox(db: Db, env: Env, now = Date.now(), limit = 50): Promise<Delivery> {
  const d1 = d1Of(db);
  const { results: rows } = await d1
    .prepare(CLAIM)
    .bind(now + LEASE_MS, now, limit)
    .all<Claimed>();
  const out: Delivery = { sent: 0, retrying: 0, failed: 0 };
  if (rows.length === 0) return out;
  const settings = await readNotifySettings(db);
  const key = await webhookKey(env);
  for (const row of rows) {
    const who = await d1.prepare(DETAILS).bind(row.userId, row.todoId).first<Details>();
    try {
      if (!who) throw new Error('no such user');
      await send(env, row, who, { url: settings.webhookUrl, key });
      await d1.prepare(SENT).bind(row.id, now).run();
      out.sent++;
    } catch (err) {
      const attempts = row.attempts + 1;
      const message = err instanceof Error ? err.message : String(err);
      await d1
        .prepare(FAILED)
        .bind(row.id, attempts, message.slice(0, 300), now + backoffMs(attempts))
        .run();
      if (attempts >= MAX_ATTEMPTS) out.failed++;
      else out.retrying++;
    }
  }
  return out;
}

const zh = translator('zh');

async function send(env: Env, row: Claimed, who: Details, webhook: { url: string; key: string }): Promise<void> {
  const link = who.problemId ? `${env.APP_ORIGIN}/problems/${who.problemId}` : env.APP_ORIGIN;
  switch (row.channel) {
    case 'webhook':
      if (!webhook.url) throw new Error('no webhook URL set');
      return postWebhook(webhook.url, webhook.key, row.id, {
        id: row.id,
        kind: who.kind,
        message: row.message,
        user: { login: who.login, name: who.name, phone: who.phone },
        problem: who.problemId ? { id: who.problemId, code: who.code, url: link } : null,
        due: who.dueOn,
        createdAt: new Date(row.createdAt).toISOString(),
      });
    case 'email':
      // Cloudflare's Email Sending binding (wrangler.toml [[send_email]]); a deployment without it keeps
      // the rows failing visibly rather than pretending they went out.
      if (!env.EMAIL || !env.EMAIL_FROM) throw new Error('no email binding configured');
      if (!who.email) throw new Error('no email address');
      await env.EMAIL.send({ from: env.EMAIL_FROM, to: who.email, subject: zh('notify.subject'), text: `${row.message}\n${link}` });
      return;
    default:
      throw new Error(`unknown channel ${row.channel}`);
  }
}

/** After a write that opened 待办: deliver in the background, a few rows at most, never failing the request. */
export function deliverAfterWrite(c: Context<AppEnv>): void {
  let ctx: Pick<ExecutionContext, 'waitUntil'>;
  try {
    ctx = c.executionCtx;
  } catch {
    return; // no execution context (a test calling the app directly): the daily run delivers
  }
  ctx.waitUntil(deliverOutbox(c.get('db'), c.env, Date.now(), 10).catch((err) => console.error('outbox delivery failed', err)));
}

/** The daily run's delivery: what is due (retries included), page by page. */
export const outboxJob = {
  name: 'outbox-delivery',
  run: async ({ db, env, now, maxPages }: { db: Db; env: Env; now: number; maxPages: number }) => {
    const total: Delivery = { sent: 0, retrying: 0, failed: 0 };
    for (let page = 0; page < maxPages; page++) {
      const d = await deliverOutbox(db, env, now);
      total.sent += d.sent;
      total.retrying += d.retrying;
      total.failed += d.failed;
      if (d.sent + d.retrying + d.failed < 50) break;
    }
    return { detail: `${total.sent} sent, ${total.retrying} to retry, ${total.failed} failed` };
  },
};
