// Input schemas of the 产业链 and 企业 admin pages. Strict: a field the form does not have is refused.
import * as z from 'zod';
import { onFirstUse } from '../on-first-use';
import { SECTORS } from '../tables';
import { checkbox, creditCode, listQuery, optionalIdRef, optionalText, phone, text } from './fields';

export const chainInput = onFirstUse(() => z.strictObject({ name: text(60) }));
export type ChainInput = z.output<typeof chainInput>;

export const enterpriseInput = onFirstUse(() =>
  z.strictObject({
    name: text(100),
    // A blank code reads "required" rather than "wrong check character".
    creditCode: z.string().trim().min(1, 'err.required').pipe(creditCode),
    region: optionalText(40),
    chainId: optionalIdRef,
    sector: z.enum(SECTORS, { error: (issue) => (issue.input === undefined || issue.input === '' ? 'err.required' : 'err.invalidChoice') }),
    aboveScale: checkbox,
    contactName: optionalText(40),
    contactPhone: phone,
  }),
);
export type EnterpriseInput = z.output<typeof enterpriseInput>;

/** The enterprise list adds a 产业链 filter; a malformed id is ignored, as a bad page number is. */
export const enterpriseListQuery = onFirstUse(() =>
  listQuery.extend({
    chain: z.union([z.literal(''), z.uuid()]).catch(''),
  }),
);
