// The office's notification settings (settings table, schema/ledger-tables.ts): which sender delivers
// new 待办 — none (in-app only, the default), a signed webhook, or email — and the webhook's URL.
import { inArray } from 'drizzle-orm';
import { OUTBOX_CHANNELS, settings } from '../../schema/ledger-tables';
import type { Db } from '../app-env';

export type Channel = (typeof OUTBOX_CHANNELS)[number];

export const CHANNEL_KEY = 'notify.channel';
export const WEBHOOK_URL_KEY = 'notify.webhook_url';

/** SQL: the channel a 待办 written now goes out on (the outbox row keeps it, whatever changes later). */
export const CHANNEL_SQL = `coalesce((SELECT value FROM settings WHERE key = '${CHANNEL_KEY}'), 'none')`;

export type NotifySettings = { channel: Channel; webhookUrl: string };

export async function readNotifySettings(db: Db): Promise<NotifySettings> {
  const rows = await db
    .select()
    .from(settings)
    .where(inArray(settings.key, [CHANNEL_KEY, WEBHOOK_URL_KEY]))
    .all();
  const value = (k: string) => rows.find((r) => r.key === k)?.value ?? '';
  const channel = OUTBOX_CHANNELS.find((c) => c === value(CHANNEL_KEY)) ?? 'none';
  return { channel, webhookUrl: value(WEBHOOK_URL_KEY) };
}

/** The upserts that store the settings (to run in a batch with their audit row). */
export const writeNotifySettings = (db: Db, s: NotifySettings, now: number) =>
  [
    [CHANNEL_KEY, s.channel],
    [WEBHOOK_URL_KEY, s.webhookUrl],
  ].map(([key, value]) =>
    db
      .insert(settings)
      .values({ key: key as string, value: value as string, updatedAt: now })
      .onConflictDoUpdate({ target: settings.key, set: { value: value as string, updatedAt: now } }),
  );
