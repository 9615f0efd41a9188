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

export const breakdownQuery = onFirstUse(() => z.object({ by: z.enum(BREAKDOWNS).catch('unit') }));
