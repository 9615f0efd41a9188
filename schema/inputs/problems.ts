// Input schemas of the problem ledger (问题台账): one strict form per move of the state machine
// (worker/problems/transitions.ts), and the ledger's filters.
import * as z from 'zod';
import { FOLLOW_UPS, PROBLEM_CATEGORIES, PROBLEM_STATUSES } from '../memo-tables';
import { onFirstUse } from '../on-first-use';
import { isoDate, optionalText, text } from './fields';

export const problemActionInputs = onFirstUse(
  () =>
    ({
      accept: z.strictObject({ note: optionalText(500) }),
      progress: z.strictObject({ note: text(1000) }),
      extend: z.strictObject({ reason: text(500), deadline: isoDate }),
      close: z.strictObject({ resolution: text(2000) }),
      unresolvable: z.strictObject({ reason: text(1000) }),
      follow_up: z.strictObject({ outcome: z.enum(FOLLOW_UPS, 'err.invalidChoice'), note: optionalText(500) }),
      strike_off: z.strictObject({ note: optionalText(500) }),
    }) as const,
);
export type ProblemActionKind = keyof typeof problemActionInputs;

/** URL segment of each move (/problems/:id/<segment>), kebab-case like every other path. */
export const ACTION_SEGMENTS: Record<ProblemActionKind, string> = {
  accept: 'accept',
  progress: 'progress',
  extend: 'extend',
  close: 'close',
  unresolvable: 'unresolvable',
  follow_up: 'follow-up',
  strike_off: 'strike-off',
};

const uuid = onFirstUse(() => z.uuid().optional().catch(undefined));
const date = onFirstUse(() => isoDate.optional().catch(undefined));

/** Ledger filters come from a GET form: a malformed one is dropped (the list widens), never a 4xx. */
export const ledgerQuery = onFirstUse(() =>
  z.object({
    status: z.enum(PROBLEM_STATUSES).optional().catch(undefined),
    overdue: z.literal('1').optional().catch(undefined),
    category: z.enum(PROBLEM_CATEGORIES).optional().catch(undefined),
    unit: uuid,
    officer: uuid,
    chain: uuid,
    enterprise: uuid,
    from: date,
    to: date,
    page: z.coerce.number().int().min(1).max(100_000).catch(1),
  }),
);
export type LedgerQuery = z.output<typeof ledgerQuery>;
