// The draw of a draft round and the statements that store it (issue 17). The server draws the seed when
// the draft is made (the office is itself judged by 满意率, so it must not pick a convenient sample); the
// draft keeps its drawn list as invitations, so the preview is exactly what goes out at launch; changing
// the rule draws again with the same seed, and only a new seed with a reason changes it (counted,
// audited). Statements after the campaign's own are guarded by the campaign row as this batch wrote it,
// so a launch or another edit that got in first is never mixed with this draw.

import { and, eq, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { SamplingRule } from '../../schema/inputs/rounds';
import { chinaDate } from '../../schema/rules/china-time';
import { campaignCounters, campaigns } from '../../schema/survey-tables';
import type { AppEnv, Db } from '../app-env';
import { d1Of, d1Statement } from '../lib/db';
import { newId, randomToken } from '../lib/tokens';
import { linkToken, tokenHash } from './link-token';
import { roundCandidates } from './rounds.queries';
import { type Drawn, drawSample } from './sampling';

/** A fresh seed from the server's CSPRNG (96 bits). Never an input. */
export const newSeed = () => randomToken(12);

export type DrawnLink = Drawn & { invitationId: string; tokenHash: string };
export type StoredDraw = { ok: true; links: DrawnLink[] } | { ok: false; available: number };

/** Draws from the programme's candidates now, with each invitation's id and link hash made up front. */
export async function drawLinks(
  c: Context<AppEnv>,
  programmeId: string,
  rule: SamplingRule,
  seed: string,
  now: number,
): Promise<StoredDraw> {
  // The pairings in force on the day of the draw: the stored draw time reproduces the same list.
  const draw = await drawSample(await roundCandidates(c.get('db'), programmeId, chinaDate(now)), rule, seed, now);
  if (!draw.ok) return draw;
  const links = await Promise.all(
    draw.drawn.map(async (d) => {
      const invitationId = newId();
      return { ...d, invitationId, tokenHash: await tokenHash(await linkToken(c.env.LINK_SECRET, invitationId)) };
    }),
  );
  return { ok: true, links };
}

// Fixed-text SQL, one JSON parameter of rows each (json_each), so D1's 100 bound parameters never bind.
// ?1 round id, ?2 seed, ?3 draw time: true while the campaign is the draft this batch drew.
const DRAWN_BY = `EXISTS (SELECT 1 FROM campaigns WHERE id = ?1 AND status = 'draft' AND seed = ?2 AND drawn_at = ?3)`;
/** ?4 JSON [[invitation id, enterprise id, token hash, stratum], …]. */
const INSERT_INVITATIONS = `INSERT INTO invitations (id, campaign_id, enterprise_id, token_hash, stratum, created_at)
  SELECT json_extract(value, '$[0]'), ?1, json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'), ?3
  FROM json_each(?4) WHERE ${DRAWN_BY}`;
const DELETE_INVITATIONS = `DELETE FROM invitations WHERE campaign_id = ?1 AND ${DRAWN_BY}`;
/** ?4 how many were drawn. */
const SET_INVITED = `UPDATE campaign_counters SET invited = ?4 WHERE campaign_id = ?1 AND ${DRAWN_BY}`;

/** Rows per insert: a few hundred kilobytes of JSON at most. */
const ROWS_PER_INSERT = 500;

function invitationInserts(db: Db, draw: { id: string; seed: string; at: number }, links: DrawnLink[]) {
  const d1 = d1Of(db);
  const out: D1PreparedStatement[] = [];
  for (let i = 0; i < links.length; i += ROWS_PER_INSERT) {
    const rows = JSON.stringify(links.slice(i, i + ROWS_PER_INSERT).map((l) => [l.invitationId, l.id, l.tokenHash, l.stratum]));
    out.push(d1.prepare(INSERT_INVITATIONS).bind(draw.id, draw.seed, draw.at, rows));
  }
  return out;
}

export type DraftFields = {
  programmeId: string;
  formVersionId: string;
  name: string;
  closesAt: number;
  sampling: string;
};

/** A new draft: the campaign, its counters and its drawn list, for one atomic D1 batch. */
export function createDraftStatements(
  db: Db,
  draft: DraftFields & { id: string; seed: string; createdBy: string | null; at: number },
  links: DrawnLink[],
): D1PreparedStatement[] {
  const { id, seed, at, createdBy, ...fields } = draft;
  return [
    // A draft's opens_at is a placeholder until launch, when the start time is chosen.
    d1Statement(
      db,
      db.insert(campaigns).values({ ...fields, id, seed, createdBy, status: 'draft', opensAt: at, drawnAt: at, createdAt: at }),
    ),
    d1Statement(db, db.insert(campaignCounters).values({ campaignId: id, invited: links.length })),
    ...invitationInserts(db, { id, seed, at }, links),
  ];
}

/**
 * A draft drawn again — edited (same seed, new fields) or re-seeded (`reseed`: seed_count + 1). `update`
 * returns the row it changed (none when the round is no longer a draft); the caller's audit row goes
 * right after it (auditStatementIfChanged), then `rest`.
 */
export function redrawStatements(
  db: Db,
  id: string,
  draw: { fields?: DraftFields; seed: string; reseed: boolean; at: number },
  links: DrawnLink[],
) {
  const { fields, seed, reseed, at } = draw;
  const d1 = d1Of(db);
  const update = db
    .update(campaigns)
    .set({ ...fields, seed, opensAt: at, drawnAt: at, ...(reseed ? { seedCount: sql`${campaigns.seedCount} + 1` } : {}) })
    .where(and(eq(campaigns.id, id), eq(campaigns.status, 'draft')))
    .returning({ id: campaigns.id });
  return {
    update: d1Statement(db, update),
    rest: [
      d1.prepare(DELETE_INVITATIONS).bind(id, seed, at),
      ...invitationInserts(db, { id, seed, at }, links),
      d1.prepare(SET_INVITED).bind(id, seed, at, links.length),
    ],
  };
}
