// Whether officers may see a round's name beside their own frozen figures (issue 14): off by default,
// since a name can say whom a round was about; an admin turns it on for a round whose name says nothing
// of the sample. One guarded UPDATE with its audit row in the same batch, like every round move.
import { and, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { campaigns } from '../../schema/survey-tables';
import type { AppEnv } from '../app-env';
import { auditStatementIf } from '../lib/audit';
import { setFlash } from '../lib/flash';
import { loadRound } from './round-load';

export const roundShareRoutes = new Hono<AppEnv>();
const ID = '/:id{[0-9a-f-]{36}}';

for (const shareable of [true, false]) {
  roundShareRoutes.post(`${ID}/${shareable ? 'share' : 'unshare'}`, async (c) => {
    const db = c.get('db');
    const round = await loadRound(c);
    await db.batch([
      db
        .update(campaigns)
        .set({ shareable })
        .where(and(eq(campaigns.id, round.id), eq(campaigns.shareable, !shareable))),
      auditStatementIf(
        db,
        c,
        { action: shareable ? 'share_name' : 'unshare_name', objectType: 'campaign', objectId: round.id },
        sql`changes() > 0`,
      ),
    ]);
    setFlash(c, shareable ? 'flash.round.shared' : 'flash.round.unshared');
    return c.redirect(`/admin/rounds/${round.id}`, 303);
  });
}
