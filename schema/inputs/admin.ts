// Input schemas of the admin pages (确定帮扶名单). Strict: a field the form does not have is refused.
import * as z from 'zod';
import { onFirstUse } from '../on-first-use';
import { text } from './fields';

export const unitInput = onFirstUse(() => z.strictObject({ name: text(60) }));
export type UnitInput = z.output<typeof unitInput>;
