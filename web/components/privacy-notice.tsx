// 个人信息处理告知 (issue 13; 个人信息保护法 art. 17): what is collected, why, who sees it and for how long,
// on the survey page and the sign-in page. A programme's own text (programmes.privacy_notice) replaces
// the default; the default states the programme's retention. Folded in a <details>, so it costs the
// survey's first view little and needs no script.
import { usePage } from '../context';

export type Privacy = { text: string; retentionMonths: number | null };

export function PrivacyNotice({ privacy }: { privacy: Privacy }) {
  const { t } = usePage();
  const own = privacy.text.trim();
  const paragraphs = own
    ? own.split(/\n\s*\n?/)
    : [
        t('privacy.default'),
        privacy.retentionMonths ? t('privacy.retention', { n: privacy.retentionMonths }) : t('privacy.retentionOff'),
        t('privacy.rights'),
      ];
  return (
    <details class="privacy" data-privacy>
      <summary>{t('privacy.title')}</summary>
      {paragraphs.map((p) => (
        <p>{p}</p>
      ))}
    </details>
  );
}
