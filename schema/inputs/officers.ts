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
