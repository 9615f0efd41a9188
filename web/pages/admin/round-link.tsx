import { AdminShell } from '../../components/admin-shell';
import { type Asker, askerText } from '../../components/asker';
import { QrCode, type QrGeometry } from '../../components/qr-code';
import { usePage } from '../../context';

type Props = {
  round: { id: string; name: string };
  asker: Asker;
  invitation: { id: string; enterprise: string; submittedAt: number | null };
  url: string;
  qr: QrGeometry;
};

/**
 * One enterprise's personal link: to copy into a chat (the button copies with JavaScript; without it
 * the link is selectable text) or to show on a screen to scan. Says who asks, as the printed card does.
 */
export function InvitationLinkPage({ round, asker, invitation, url, qr }: Props) {
  const { t } = usePage();
  return (
    <AdminShell title={t('round.linkTitle', { name: invitation.enterprise })}>
      <p>
        <a href={`/admin/rounds/${round.id}`}>{round.name}</a>
      </p>
      <section class="card invitation-link">
        <label for="invitation-link">{t('round.link')}</label>
        <input id="invitation-link" type="text" readOnly value={url} size={60} />
        <p>
          <a class="button" href={`/admin/rounds/${round.id}/links/${invitation.id}`} data-copy={url} data-copied={t('round.copied')}>
            {t('round.copyLink')}
          </a>
        </p>
        <figure id="qr">
          <QrCode qr={qr} label={t('round.qrOf', { name: invitation.enterprise })} class="qr" />
          <figcaption>{askerText(asker, t)}</figcaption>
        </figure>
        {invitation.submittedAt && <p class="notice">{t('round.alreadySubmitted')}</p>}
      </section>
    </AdminShell>
  );
}
