// The ledger settings form (/admin/notifications): the sender of 待办 notifications, the webhook URL
// (https only: 422 otherwise), and the office's name on the 督办通知单.
import * as z from 'zod';
import { OUTBOX_CHANNELS } from '../ledger-tables';
import { optionalText } from './fields';

const https = (s: string) => {
  try {
    const url = new URL(s);
    return url.protocol === 'https:' && !url.username && !url.password;
  } catch {
    return false;
  }
};

export const notifyInput = z
  .strictObject({
    channel: z.enum(OUTBOX_CHANNELS, 'err.invalidChoice'),
    webhookUrl: z
      .string()
      .trim()
      .max(500)
      .default('')
      .refine((s) => s === '' || https(s), 'notify.err.https'),
    officeName: optionalText(60),
  })
  .refine((v) => v.channel !== 'webhook' || v.webhookUrl !== '', { message: 'notify.err.https', path: ['webhookUrl'] });
export type NotifyInput = z.output<typeof notifyInput>;
