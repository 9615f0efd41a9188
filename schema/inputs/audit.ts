// The admin's audit view (审计日志, issue 13): filters by who, what, object and period, and a keyset
// cursor (`before`: rows with a smaller id). Lenient like the other list queries: a malformed value is
// dropped instead of failing a bookmarked search.
import * as z from 'zod';
import { onFirstUse } from '../on-first-use';
import { isoDate } from './fields';

/** `who` = a login, or this word for rows without a signed-in actor (respondents, refusals, the daily run). */
export const ANONYMOUS = '-';

export const auditQuery = onFirstUse(() =>
  z.object({
    who: z.string().trim().max(64).catch(''),
    action: z.string().trim().max(64).catch(''),
    objectType: z.string().trim().max(40).catch(''),
    objectId: z.string().trim().max(200).catch(''),
    from: isoDate.optional().catch(undefined),
    to: isoDate.optional().catch(undefined),
    before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  }),
);
export type AuditQuery = z.output<typeof auditQuery>;

/** Where a verification starts: after row `after` (0: from the first row). */
export const verifyQuery = onFirstUse(() => z.object({ after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).catch(0) }));
