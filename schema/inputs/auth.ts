import * as z from 'zod';
import { onFirstUse } from '../on-first-use';

/** At most 1 KB of UTF-8 (MAX_PASSWORD_BYTES): 1,024 Chinese characters are 3 KB, so characters alone are not enough. */
const withinBytes = (s: string) => new TextEncoder().encode(s).length <= 1024;

/** 1 KB cap checked by zod before any hashing (issue 7: a huge password must not cost a derivation). */
export const loginInput = onFirstUse(() =>
  z.strictObject({
    login: z.string().trim().min(1, 'err.required').max(64),
    password: z.string().min(1, 'err.required').max(1024).refine(withinBytes, 'login.passwordBytes'),
    next: z.string().max(500).optional(),
  }),
);

export const setupPasswordInput = onFirstUse(() =>
  z
    .strictObject({
      password: z.string().min(10).max(1024).refine(withinBytes, 'login.passwordBytes'),
      confirm: z.string().max(1024),
    })
    .refine((v) => v.password === v.confirm, { message: 'setup.mismatch', path: ['confirm'] }),
);

/** Only same-site paths are followed after login, never another origin ("open redirect"). */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?!\/|\\)[\w\-./?=&%]*$/.test(next) ? next : '/';
}
