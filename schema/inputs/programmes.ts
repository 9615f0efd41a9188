// Input schemas of the programme (帮扶行动) and pairing list (结对名单) admin pages.
import * as z from 'zod';
import { onFirstUse } from '../on-first-use';
import { PHASES } from '../tables';
import { checkbox, isoDate, listQuery, optionalIdRef, text } from './fields';
import { pick } from './officers';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export const programmeInput = onFirstUse(() =>
  z
    .strictObject({
      name: text(80),
      startsOn: isoDate,
      endsOn: isoDate,
      phase: z.enum(PHASES, 'err.invalidChoice'),
    })
    // Zod still runs this refinement after a field's own check failed, so only compare two real dates:
    // a bad start date must not also be reported as a bad order on the end date.
    .refine((v) => !(ISO.test(v.startsOn) && ISO.test(v.endsOn)) || v.endsOn >= v.startsOn, {
      message: 'err.dateOrder',
      path: ['endsOn'],
    }),
);
export type ProgrammeInput = z.output<typeof programmeInput>;

export const assignmentInput = onFirstUse(() =>
  z.strictObject({
    programmeId: pick,
    officerId: pick,
    enterpriseId: pick,
    isLead: checkbox,
  }),
);
export type AssignmentInput = z.output<typeof assignmentInput>;

export const assignmentListQuery = onFirstUse(() => listQuery.extend({ programme: optionalIdRef.catch(null) }));
