import type { Translate } from '../i18n';

/**
 * Who is asking (issue 17): the issuing office and its help line, set per programme, and the round's
 * closing date — on the survey page, the thank-you page and the QR sheets. An unbranded link asking
 * enterprises to rate officials invites distrust in WeChat.
 */
export type Asker = { office: string; phone: string; closes?: string };

/**
 * "市生物医药产业链办公室发放 · 咨询电话 0571-… · 2026-06-15 18:00 截止", leaving out what is not set (the
 * enterprise's 我的诉求 page and its sheet have no closing date, issue 16).
 */
export function askerText(a: Asker, t: Translate): string {
  return [
    a.office && t('asker.office', { office: a.office }),
    a.phone && t('asker.phone', { phone: a.phone }),
    a.closes && t('asker.closes', { to: a.closes }),
  ]
    .filter(Boolean)
    .join(t('asker.sep'));
}
