// The filters every statistics page, export and report shares: a programme and a period of calendar
// days, and which breakdown a breakdown page shows. Lenient like the list pages' queries: a malformed
// value falls back to the default instead of failing a bookmarked dashboard.
import * as z from 'zod';
import { onFirstUse } from '../on-first-use';
import { isoDate } from './fields';

export const statsQuery = onFirstUse(() =>
  z.object({
    programme: z.uuid().optional().catch(undefined),
    from: isoDate.optional().catch(undefined),
    to: isoDate.optional().catch(undefined),
  }),
);
export type StatsQuery = z.output<typeof statsQuery>;

/** The dimensions of the breakdown pages (分组统计), in the order of their tabs. */
export const BREAKDOWNS = ['unit', 'officer', 'chain', 'region', 'category', 'month'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/**
 * Groups a breakdown page shows at once (issue 20): 200 officers made the page 0.5 MB of HTML, five tables
 * of 200 rows; each page computes the breakdown and keeps its own slice (figure-cache.ts).
 */
export const BREAKDOWN_PAGE = 50;

export const breakdownQuery = onFirstUse(() =>
  z.object({ by: z.enum(BREAKDOWNS).catch('unit'), page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1) }),
);
