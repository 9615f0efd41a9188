// /admin/stats/claims: the claims cross-check (issue 14 §4, schema/rules/claims.ts) — per closed round,
// by unit and by officer, and the memos behind one officer's figure. Mounted under /admin, so admin-only:
// the memo list sits beside figures drawn from answers, which only the programme office reads.
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { roundState } from '../../schema/rules/round-state';
import { campaigns } from '../../schema/survey-tables';
import { users } from '../../schema/tables';
import { ClaimMemosPage, ClaimsPage } from '../../web/pages/stats/claims';
import type { AppEnv } from '../app-env';
import { notFound } from '../lib/errors';
import { render } from '../lib/render';
import { claimMemos } from './claims.queries';
import { statsConfig } from './config';
import { keptFigures } from './figure-cache';
import { scopeFrom } from './filters';
import { claimTables } from './people';
import { filterProps, filtersOf, queryOf } from './stats.routes';

export const claimRoutes = new Hono<AppEnv>();
const UUID = '[0-9a-f-]{36}';

claimRoutes.get('/', async (c) => {
  const f = await filtersOf(c);
  const cfg = statsConfig(c.env, f.programme);
  const scope = scopeFrom(f);
  const [byUnit, byOfficer] = await keptFigures(c.get('db'), { page: 'claims', scope, cfg }, () =>
    Promise.all([claimTables(c.get('db'), scope, 'unit'), claimTables(c.get('db'), scope, 'officer')]),
  );
  return render(c, <ClaimsPage filter={filterProps(f)} query={queryOf(f)} byUnit={byUnit} byOfficer={byOfficer} k={cfg.k} />);
});

/** The memos behind one officer's figure in one closed round. */
claimRoutes.get(`/:round{${UUID}}/:officer{${UUID}}`, async (c) => {
  const db = c.get('db');
  const [round, officer] = await Promise.all([
    db
      .select({
        id: campaigns.id,
        name: campaigns.name,
        closesAt: campaigns.closesAt,
        opensAt: campaigns.opensAt,
        status: campaigns.status,
      })
      .from(campaigns)
      .where(eq(campaigns.id, c.req.param('round')))
      .get(),
    db
      .select({ name: users.name, role: users.role })
      .from(users)
      .where(eq(users.id, c.req.param('officer')))
      .get(),
  ]);
  // Closed rounds only, as the figures that link here.
  if (!round || roundState(round, Date.now()) !== 'closed' || officer?.role !== 'officer') throw notFound();
  const memos = await claimMemos(db, round.id, c.req.param('officer'));
  return render(c, <ClaimMemosPage officer={officer.name} round={round} memos={memos} />);
});
