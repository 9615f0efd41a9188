import { type Asker, askerText } from '../../components/asker';
import { usePage } from '../../context';
import type { MessageKey } from '../../i18n';
import { SurveyLayout } from './layout';

export type NoticeKind = 'invalid' | 'throttled' | 'upcoming' | 'closed' | 'void' | 'answered' | 'thanks' | 'stale';

const TEXT: Record<NoticeKind, [MessageKey, MessageKey]> = {
  invalid: ['survey.invalid.title', 'survey.invalid.body'],
  throttled: ['survey.throttled.title', 'survey.throttled.body'],
  upcoming: ['survey.upcoming.title', 'survey.upcoming.body'],
  closed: ['survey.closed.title', 'survey.closed.body'],
  void: ['survey.void.title', 'survey.void.body'],
  answered: ['survey.answered.title', 'survey.answered.body'],
  thanks: ['survey.thanks.title', 'survey.thanks.body'],
  stale: ['survey.stale.title', 'survey.stale.body'],
};

/**
 * Every page a respondent sees instead of the form. The invalid-link page takes no parameters, so
 * malformed, unknown and over-long tokens get byte-identical answers. The thank-you page loads the
 * enhancement script with `data-done` so the browser's saved draft of that round is deleted.
 */
export function SurveyNotice({
  kind,
  from,
  to,
  roundId,
  asker,
}: {
  kind: NoticeKind;
  from?: string;
  to?: string;
  roundId?: string;
  /** Who is asking, on every notice of a real link (never on the invalid-link page, which has none). */
  asker?: Asker;
}) {
  const { t } = usePage();
  const [title, body] = TEXT[kind];
  return (
    <SurveyLayout title={t(title)} enhance={kind === 'thanks'} langSwitch={kind !== 'invalid' && kind !== 'throttled'}>
      <section class="rs-notice" role={kind === 'thanks' ? 'status' : undefined} data-done={kind === 'thanks' ? roundId : undefined}>
        <h1>{t(title)}</h1>
        <p>{t(body, { from: from ?? '', to: to ?? '' })}</p>
        {asker && <p class="rs-foot">{askerText(asker, t)}</p>}
      </section>
    </SurveyLayout>
  );
}
