import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type { ViewUser } from '../web/context';
import type { Lang, Translate } from '../web/i18n';

export type Db = DrizzleD1Database;

export type SessionUser = ViewUser & { unitId: string | null };

/** Hono's type parameter for every sub-app: bindings from wrangler.toml, per-request variables. */
export type AppEnv = {
  Bindings: Env;
  Variables: {
    db: Db;
    user: SessionUser | null;
    /** 'invalid' when a session cookie was sent but is tampered, expired or revoked (answer 401). */
    session: 'none' | 'valid' | 'invalid';
    lang: Lang;
    t: Translate;
    secureHeadersNonce?: string;
    /** Set when the request wrote audit rows: they are chained after the response (worker/audit/chain.ts). */
    audited?: boolean;
  };
};
