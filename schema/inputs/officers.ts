// Input schemas of the account admin pages: officers (帮扶干部) and unit handlers (单位联络员) alike.
import * as z from 'zod';
import { onFirstUse } from '../on-first-use';
import { idRef, listQuery, optionalIdRef, phone, text } from './fields';

/** Sign-in names are typed on phones: lower case only, so no one wonders about "Zhang" vs "zhang". */
export const login = onFirstUse(() =>
  z
    .string()
    .trim()
    .min(1, 'err.required')
    .regex(/^[a-z0-9._-]{3,32}$/, 'officer.err.login'),
);

/** A required pick from a select: blank is "required", anything else must be an id. */
export const pick = onFirstUse(() => z.string().min(1, 'err.required').pipe(idRef));

/** Where the email sender delivers 待办 (worker/notify/); blank for none. */
export const email = onFirstUse(() =>
  z
    .string()
    .trim()
    .max(254)
    .refine((s) => s === '' || /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(s), 'err.email')
    .default(''),
);

const officerFields = onFirstUse(() => ({ name: text(40), unitId: pick, phone, email }));

export const officerInput = onFirstUse(() => z.strictObject({ login, ...officerFields }));
export type OfficerInput = z.output<typeof officerInput>;

/** The login is the account's identity in the audit trail, so it is fixed once created. */
export const officerUpdateInput = onFirstUse(() => z.strictObject({ ...officerFields }));
export type OfficerUpdateInput = z.output<typeof officerUpdateInput>;

export const officerListQuery = onFirstUse(() => listQuery.extend({ unit: optionalIdRef.catch(null) }));

/**
 * A leader's (领导) scope, one select on the form (issue 19): '' for the whole programme, `chain:<id>` for
 * one 产业链, `region:<name>` for one region. Never both: the one value is split into the two columns.
 */
export const leaderScope = onFirstUse(() =>
  z
    .string()
    .trim()
    .default('')
    .transform((s, ctx) => {
      if (s === '') return { scopeChainId: null, scopeRegion: null };
      const chain = /^chain:([0-9a-f-]{36})$/.exec(s);
      if (chain?.[1]) return { scopeChainId: chain[1], scopeRegion: null };
      const region = /^region:(.{1,40})$/u.exec(s);
      if (region?.[1]) return { scopeChainId: null, scopeRegion: region[1] };
      ctx.addIssue({ code: 'custom', message: 'err.invalidChoice' });
      return z.NEVER;
    }),
);
export type LeaderScope = z.output<typeof leaderScope>;

const leaderFields = onFirstUse(() => ({ name: text(40), phone, email, scope: leaderScope }));

export const leaderInput = onFirstUse(() => z.strictObject({ login, ...leaderFields }));
export type LeaderInput = z.output<typeof leaderInput>;
export const leaderUpdateInput = onFirstUse(() => z.strictObject({ ...leaderFields }));
export type LeaderUpdateInput = z.output<typeof leaderUpdateInput>;

/** The form's value of a stored scope. */
export const scopeValue = (s: { scopeChainId: string | null; scopeRegion: string | null }) =>
  s.scopeChainId ? `chain:${s.scopeChainId}` : s.scopeRegion ? `region:${s.scopeRegion}` : '';
