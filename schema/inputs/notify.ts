// The notification settings form (/admin/notifications): the sender of 待办 notifications and the
// webhook URL (https only: 422 otherwise).
import * as z from 'zod';
import { OUTBOX_CHANNELS } from '../ledger-tables';
import { onFirstUse } from '../on-first-use';

const https = (s: string) => {
  try {
    const url = new URL(s);
    return url.protocol === 'https:' && !url.username && !url.password;
  } catch {
    return false;
  }
};

export const notifyInput = onFirstUse(() =>
  z
    .strictObject({
      channel: z.enum(OUTBOX_CHANNELS, 'err.invalidChoice'),
      webhookUrl: z
        .string()
        .trim()
        .max(500)
        .default('')
        .refine((s) => s === '' || https(s), 'notify.err.https'),
    })
    .refine((v) => v.channel !== 'webhook' || v.webhookUrl !== '', { message: 'notify.err.https', path: ['webhookUrl'] }),
);
export type NotifyInput = z.output<typeof notifyInput>;
