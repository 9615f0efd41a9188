// 我的诉求 links (issue 16), built like survey links (worker/surveys/link-token.ts): the token is
// HMAC(LINK_SECRET, the link row's random id), 144 bits, and D1 holds only its SHA-256, so the office can
// print the same sheet again without D1 ever holding a link. A re-issue revokes the live row and writes a
// new one with a new id: the old token then finds nothing. Every issue and re-issue writes its audit row
// in the same batch. The lookup is raw SQL with fixed text, like the survey link's (it runs on every view).
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { enterpriseLinks } from '../../schema/survey-tables';
import { assignments, enterprises } from '../../schema/tables';
import type { AppEnv, Db } from '../app-env';
import { auditStatement } from '../lib/audit';
import { d1Of } from '../lib/db';
import { newId } from '../lib/tokens';
import { linkToken, tokenHash } from '../surveys/link-token';

const FIND_LINK = `SELECT l.id, l.programme_id AS programmeId, l.enterprise_id AS enterpriseId, e.name AS enterprise,
  p.issuing_office AS office, p.help_phone AS phone, p.privacy_notice AS privacyNotice, p.retention_months AS retentionMonths,
  p.confirm_wait_days AS confirmWaitDays
  FROM enterprise_links l JOIN enterprises e ON e.id = l.enterprise_id JOIN programmes p ON p.id = l.programme_id
  WHERE l.token_hash = ?1 AND l.revoked_at IS NULL`;

/** A live link with what its page shows: whose it is, and who is asking. */
export type EnterpriseLink = {
  id: string;
  programmeId: string;
  enterpriseId: string;
  enterprise: string;
  office: string;
  phone: string;
  privacyNotice: string;
  retentionMonths: number | null;
  confirmWaitDays: number;
};

export const findEnterpriseLink = (db: Db, hash: string) => d1Of(db).prepare(FIND_LINK).bind(hash).first<EnterpriseLink>();

/** Built from APP_ORIGIN, never from the Host header (as survey links). */
export const enterpriseLinkUrl = (origin: string, token: string) => `${origin.replace(/\/+$/, '')}/e/${token}`;

/** The paired enterprises of a programme with their live link, if any (the admin's list and the QR sheet). */
export const programmeLinks = (db: Db, programmeId: string) =>
  db
    .selectDistinct({
      enterpriseId: enterprises.id,
      name: enterprises.name,
      linkId: enterpriseLinks.id,
      issuedAt: enterpriseLinks.issuedAt,
    })
    .from(assignments)
    .innerJoin(enterprises, eq(enterprises.id, assignments.enterpriseId))
    .leftJoin(
      enterpriseLinks,
      and(
        eq(enterpriseLinks.enterpriseId, enterprises.id),
        eq(enterpriseLinks.programmeId, programmeId),
        isNull(enterpriseLinks.revokedAt),
      ),
    )
    .where(eq(assignments.programmeId, programmeId))
    .orderBy(asc(enterprises.name))
    .all();
export type ProgrammeLink = Awaited<ReturnType<typeof programmeLinks>>[number];

/** 50 enterprises per batch: 3 statements each, well inside a D1 batch. */
const ISSUE_CHUNK = 50;

/**
 * Issues a new link to each enterprise, revoking its live one (a re-issue) in the same batch, with one
 * audit row each: `enterprise_link_issued` or `enterprise_link_reissued`.
 */
export async function issueLinks(
  c: Context<AppEnv>,
  programmeId: string,
  targets: { enterpriseId: string; reissue: boolean }[],
  now = Date.now(),
): Promise<number> {
  const db = c.get('db');
  const by = c.get('user')?.id ?? null;
  for (let i = 0; i < targets.length; i += ISSUE_CHUNK) {
    const statements = await Promise.all(
      targets.slice(i, i + ISSUE_CHUNK).map(async ({ enterpriseId, reissue }) => {
        const id = newId();
        const hash = await tokenHash(await linkToken(c.env.LINK_SECRET, id));
        const live = and(
          eq(enterpriseLinks.programmeId, programmeId),
          eq(enterpriseLinks.enterpriseId, enterpriseId),
          isNull(enterpriseLinks.revokedAt),
        );
        return [
          db.update(enterpriseLinks).set({ revokedAt: now }).where(live),
          db.insert(enterpriseLinks).values({ id, programmeId, enterpriseId, tokenHash: hash, issuedAt: now, issuedBy: by }),
          auditStatement(
            db,
            c,
            {
              action: reissue ? 'enterprise_link_reissued' : 'enterprise_link_issued',
              objectType: 'enterprise',
              objectId: enterpriseId,
              detail: { programmeId, link: id },
            },
            now,
          ),
        ];
      }),
    );
    const flat = statements.flat();
    if (flat.length) await db.batch(flat as [(typeof flat)[number], ...typeof flat]);
  }
  return targets.length;
}

/** The URL of a live link, derived again from its id. */
export const urlOf = async (c: Context<AppEnv>, linkId: string) =>
  enterpriseLinkUrl(c.env.APP_ORIGIN, await linkToken(c.env.LINK_SECRET, linkId));
