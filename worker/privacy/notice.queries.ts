// The 个人信息处理告知 of the sign-in page (issue 13): staff belong to no one programme there, so it is
// the current programme's (the latest-starting one in force today, else the latest that started), or the
// default text when there is none. Raw SQL with fixed text.
import { chinaToday } from '../../schema/rules/china-time';
import type { Privacy } from '../../web/components/privacy-notice';
import type { Db } from '../app-env';
import { d1Of } from '../lib/db';

const CURRENT = `SELECT privacy_notice AS text, retention_months AS retentionMonths FROM programmes
  WHERE disabled = 0 AND starts_on <= ?1 ORDER BY ends_on >= ?1 DESC, starts_on DESC LIMIT 1`;

export async function signInPrivacy(db: Db, now = Date.now()): Promise<Privacy> {
  const row = await d1Of(db).prepare(CURRENT).bind(chinaToday(now)).first<Privacy>();
  return row ?? { text: '', retentionMonths: null };
}
