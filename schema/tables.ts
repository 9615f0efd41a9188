// D1 tables (DESIGN §3). Column keys are camelCase; the drizzle client and drizzle-kit both use
// casing "snake_case", so the SQL columns are snake_case. Times are epoch milliseconds (integers);
// calendar dates (periods, visit dates, deadlines) are 'YYYY-MM-DD' text so month breakdowns are a
// plain substr() in SQL.
import { sql } from 'drizzle-orm';
import { index, integer, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sqliteTable } from './sqlite-table';

const flag = () => integer({ mode: 'boolean' }).notNull().default(false);
const createdAt = () => integer().notNull();

/**
 * 链办管理员, 帮扶干部, 单位联络员 (a unit's handler of the problems dispatched to it, issue 15), 领导 (a
 * read-only reader of the dashboards and the work report, issue 19: worker/auth/leader-fence.ts).
 */
export const ROLES = ['admin', 'officer', 'handler', 'leader'] as const;
export type Role = (typeof ROLES)[number];

/** 行业类别: the programme texts list 药品, 医疗器械, 化妆品 (百人帮百企). */
export const SECTORS = ['drug', 'device', 'cosmetic', 'other'] as const;
export type Sector = (typeof SECTORS)[number];

/**
 * 满意率 口径 (issue 14), chosen per programme: 两档 counts 非常满意 + 满意, 三档 also 基本满意 (which
 * many offices use). The formula is schema/rules/satisfaction.ts; pages, files and the report print it.
 */
export const SATISFACTION_SCALES = ['top2', 'top3'] as const;
export type SatisfactionScale = (typeof SATISFACTION_SCALES)[number];

/** The four phases of a programme: 确定帮扶名单, 实施帮扶, 帮扶成效评估, 总结推广. */
export const PHASES = ['pairing', 'assisting', 'evaluating', 'summarising'] as const;
export type Phase = (typeof PHASES)[number];

/** 帮扶单位 — the unit an officer belongs to (e.g. 市编委办, 市国资委). */
export const units = sqliteTable('units', {
  id: text().primaryKey(),
  name: text().notNull().unique(),
  disabled: flag(),
  createdAt: createdAt(),
});

export const users = sqliteTable(
  'users',
  {
    id: text().primaryKey(),
    login: text().notNull().unique(),
    name: text().notNull(),
    role: text({ enum: ROLES }).notNull(),
    unitId: text().references(() => units.id),
    phone: text(),
    /** Where the email sender delivers this user's 待办 (worker/notify/), when one is configured. */
    email: text(),
    /** `pbkdf2_sha256$<iterations>$<salt>$<hash>`; null until the one-time setup link is used. */
    passwordHash: text(),
    setupTokenHash: text().unique(),
    setupExpiresAt: integer(),
    disabled: flag(),
    createdAt: createdAt(),
    /**
     * A leader's (领导) scope, set by the admin (issue 19): one chain, or one region (enterprises.region),
     * or neither for the whole programme; never both (schema/inputs/officers.ts leaderScope).
     */
    scopeChainId: text().references(() => chains.id),
    scopeRegion: text(),
  },
  (t) => [index('users_unit_idx').on(t.unitId), index('users_role_name_idx').on(t.role, t.name)],
);

/** Server-side sessions; only the SHA-256 of the cookie value is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    lastSeenAt: integer().notNull(),
    expiresAt: integer().notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** 产业链 (生物医药, 医疗器械 …). */
export const chains = sqliteTable('chains', {
  id: text().primaryKey(),
  name: text().notNull().unique(),
  disabled: flag(),
  createdAt: createdAt(),
});

export const enterprises = sqliteTable(
  'enterprises',
  {
    id: text().primaryKey(),
    name: text().notNull(),
    /** 统一社会信用代码, 18 characters, GB 32100-2015 check character verified on input. */
    creditCode: text().notNull().unique(),
    region: text().notNull().default(''),
    chainId: text().references(() => chains.id),
    sector: text({ enum: SECTORS }).notNull().default('other'),
    /** 规上: 规模以上工业企业. */
    aboveScale: flag(),
    contactName: text().notNull().default(''),
    contactPhone: text().notNull().default(''),
    disabled: flag(),
    createdAt: createdAt(),
    updatedAt: integer().notNull(),
  },
  (t) => [index('enterprises_chain_idx').on(t.chainId), index('enterprises_name_idx').on(t.name)],
);

/** 帮扶行动: e.g. 2026年"百人帮百企"行动. */
export const programmes = sqliteTable(
  'programmes',
  {
    id: text().primaryKey(),
    name: text().notNull().unique(),
    startsOn: text().notNull(),
    endsOn: text().notNull(),
    phase: text({ enum: PHASES }).notNull().default('pairing'),
    /** 办结时限 of a category with no working-day entry: days after the raised or dispatch day (issue 14). */
    defaultDeadlineDays: integer().notNull().default(30),
    /** Who is asking (DESIGN §2): named with a help line and the closing date on every survey page and QR sheet. */
    issuingOffice: text().notNull().default(''),
    helpPhone: text().notNull().default(''),
    disabled: flag(),
    createdAt: createdAt(),
    /** 个人信息处理告知 shown to respondents and on the login page; '' = the catalogue's default text. */
    privacyNotice: text().notNull().default(''),
    /** Months after the programme's end when contact data and audit addresses are purged; null = never. */
    retentionMonths: integer(),
    satisfactionScale: text({ enum: SATISFACTION_SCALES }).notNull().default('top2'),
    /** Days after 办结 the enterprise has to confirm the result itself before the officer may record a phone 回访 (issue 16). */
    confirmWaitDays: integer().notNull().default(7),
  },
  (t) => [index('programmes_period_idx').on(t.startsOn, t.endsOn)],
);

/**
 * The pairing list (帮扶名单): programme × officer × enterprise, in force from `starts_on` to `ends_on`
 * (inclusive; null while current). Ending a pairing keeps its row, so past months keep their figures; a
 * pair counts for a month when it is in force on the 15th (schema/rules/pairing.ts). One open pairing per
 * pair and one open lead per enterprise (partial unique indexes); the dated ranges of one pair never
 * overlap (checked on every write: worker/admin/pairing-dates.ts).
 */
export const assignments = sqliteTable(
  'assignments',
  {
    id: text().primaryKey(),
    programmeId: text()
      .notNull()
      .references(() => programmes.id),
    officerId: text()
      .notNull()
      .references(() => users.id),
    enterpriseId: text()
      .notNull()
      .references(() => enterprises.id),
    isLead: flag(),
    createdAt: createdAt(),
    /** 'YYYY-MM-DD', China time: the first day the pairing is in force. */
    startsOn: text().notNull(),
    /** The last day it is in force; null while it is current (解除结对 sets it). */
    endsOn: text(),
  },
  (t) => [
    uniqueIndex('assignments_pair_uq').on(t.programmeId, t.officerId, t.enterpriseId).where(sql`ends_on IS NULL`),
    uniqueIndex('assignments_one_lead_uq').on(t.programmeId, t.enterpriseId).where(sql`is_lead = 1 AND ends_on IS NULL`),
    index('assignments_officer_idx').on(t.officerId, t.programmeId),
    index('assignments_enterprise_idx').on(t.enterpriseId),
    // Answers reach their officers through (programme, enterprise): without this the statistics join
    // walked every pairing of the programme per answer (bench/notes.md: 424 s at 1 M answers).
    index('assignments_programme_enterprise_idx').on(t.programmeId, t.enterpriseId, t.officerId, t.isLead),
  ],
);

/**
 * Security-relevant and data-changing actions; append-only. Writers insert the first eight columns; the
 * chaining step (worker/audit/chain.ts) fills the last three in id order: `hash` = SHA-256(previous
 * row's hash ‖ this row's canonical content), which covers `ip_digest` = SHA-256(ip_salt ‖ ip), so a
 * retention purge can clear `ip` and `ip_salt` without breaking the chain.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: integer().notNull(),
    actorId: text(),
    action: text().notNull(),
    objectType: text(),
    objectId: text(),
    detail: text(),
    ip: text(),
    hash: text(),
    ipSalt: text(),
    ipDigest: text(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_object_idx').on(t.objectType, t.objectId),
    // The chaining step's queue: only unchained rows are in it, so it stays small.
    index('audit_log_unchained_idx').on(t.id).where(sql`hash IS NULL`),
  ],
);

/** Fixed-window counters for throttling failed logins and bad link tokens. */
export const throttles = sqliteTable('throttles', {
  key: text().primaryKey(),
  count: integer().notNull(),
  windowStart: integer().notNull(),
});
