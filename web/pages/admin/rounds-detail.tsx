import { chinaDateTime } from '../../../schema/rules/china-time';
import { allows } from '../../../schema/rules/round-state';
import type { LoadedRound } from '../../../worker/surveys/round-load';
import type { HistoryRow, InvitationRow } from '../../../worker/surveys/rounds.queries';
import { AdminShell } from '../../components/admin-shell';
import { DataTable } from '../../components/data-table';
import { usePage } from '../../context';
import type { MessageKey, Translate } from '../../i18n';
import { describeRule, progressText, StateBadge, windowText } from './rounds';

type Row = InvitationRow & { url?: string };

/** Where the round stands, in one sentence: when it opens, closes, closed or was voided. */
function stateLine(round: LoadedRound, t: Translate): string {
  const at = (ms: number | null) => chinaDateTime(ms ?? 0);
  switch (round.state) {
    case 'draft':
      return t('round.stateLine.draft', { n: round.invited });
    case 'scheduled':
      return t('round.stateLine.scheduled', { from: at(round.opensAt), to: at(round.closesAt) });
    case 'open':
      return t('round.stateLine.open', { to: at(round.closesAt) });
    case 'closed':
      return t('round.stateLine.closed', { to: at(round.closesAt) });
    case 'void':
      return t('round.stateLine.void', { at: at(round.voidedAt) });
  }
}

/** The moves this round's state allows, each a link to the page that says what it will do. */
function Moves({ round, answered }: { round: LoadedRound; answered: boolean }) {
  const { t } = usePage();
  const base = `/admin/rounds/${round.id}`;
  const can = (m: Parameters<typeof allows>[0]) => allows(m, round.state);
  return (
    <nav class="actions moves" aria-label={t('round.moves')}>
      {can('launch') && (
        <a class="button primary" href={`${base}/launch`}>
          {t('round.launch')}
        </a>
      )}
      {can('edit') && <a href={`${base}/edit`}>{t('round.editDraft')}</a>}
      {can('reseed') && <a href={`${base}/reseed`}>{t('round.reseed')}</a>}
      {can('links') && <a href={`${base}/reminders`}>{t('remind.title')}</a>}
      {can('extend') && <a href={`${base}/extend`}>{t('round.extend')}</a>}
      {can('close') && <a href={`${base}/close`}>{t('round.close')}</a>}
      {can('void') && !answered && <a href={`${base}/void`}>{t('round.void')}</a>}
      {can('void') && answered && <span class="hint">{t('round.voidAnswered')}</span>}
    </nav>
  );
}

function historyNote(h: HistoryRow, t: Translate): string {
  const d = (h.detail ? JSON.parse(h.detail) : {}) as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.from === 'number' && typeof d.to === 'number')
    parts.push(t('round.history.moved', { from: chinaDateTime(d.from), to: chinaDateTime(d.to) }));
  if (typeof d.opensAt === 'number') parts.push(t('round.history.opens', { at: chinaDateTime(d.opensAt) }));
  if (typeof d.seeds === 'number') parts.push(t('round.seedNumber', { n: d.seeds }));
  if (typeof d.invited === 'number') parts.push(t('round.drawnCount', { n: d.invited }));
  if (typeof d.reason === 'string') parts.push(t('round.history.reason', { reason: d.reason }));
  return parts.join(t('asker.sep'));
}

/**
 * One round: where it stands and what may happen next, how it was drawn (the seed and rule, so the draw
 * can be re-run and checked, and how many seeds were drawn), the drawn list — a draft's exact preview,
 * afterwards each enterprise's status with its link and QR code — and every move with its reason.
 */
export function RoundPage({
  round,
  rows,
  history,
  answered,
}: {
  round: LoadedRound;
  rows: Row[];
  history: HistoryRow[];
  answered: boolean;
  now: number;
}) {
  const { t } = usePage();
  const base = `/admin/rounds/${round.id}`;
  const links = allows('links', round.state);
  return (
    <AdminShell title={round.name}>
      <p class="state-line">
        <StateBadge state={round.state} /> {stateLine(round, t)}
      </p>
      <Moves round={round} answered={answered} />
      <dl class="card facts">
        <dt>{t('round.programme')}</dt>
        <dd>{round.programme}</dd>
        <dt>{t('round.form')}</dt>
        <dd>{t('round.formVersion', { name: round.form, version: round.version })}</dd>
        <dt>{t('round.windowHeader')}</dt>
        <dd>{windowText(round, t)}</dd>
        <dt>{t('round.rule')}</dt>
        <dd>{describeRule(round.rule, t)}</dd>
        <dt>{t('round.seed')}</dt>
        <dd>
          <code>{round.seed}</code> {t('round.seedCount', { n: round.seedCount })}
          {round.drawnAt !== null && <> · {t('round.drawnAt', { at: chinaDateTime(round.drawnAt) })}</>}
        </dd>
        {round.state !== 'draft' && (
          <>
            <dt>{t('round.progress')}</dt>
            <dd>{progressText(round, t)}</dd>
          </>
        )}
        <dt>{t('round.shareable')}</dt>
        <dd>
          {t(round.shareable ? 'round.shareable.on' : 'round.shareable.off')}{' '}
          <form method="post" action={`${base}/${round.shareable ? 'unshare' : 'share'}`} class="inline">
            <button type="submit" class="link">
              {t(round.shareable ? 'round.unshare' : 'round.share')}
            </button>
          </form>
        </dd>
      </dl>
      {links && (
        <>
          <h2>{t('round.downloads')}</h2>
          <ul class="downloads">
            <li>
              <a href={`${base}/links.xlsx`} download>
                {t('round.linksXlsx')}
              </a>{' '}
              ·{' '}
              <a href={`${base}/links.csv`} download>
                {t('round.linksCsv')}
              </a>
            </li>
            <li>
              <a href={`${base}/links.xlsx?pending=1`} download>
                {t('round.pendingXlsx')}
              </a>{' '}
              ·{' '}
              <a href={`${base}/links.csv?pending=1`} download>
                {t('round.pendingCsv')}
              </a>
            </li>
            <li>
              <a href={`${base}/sheet`}>{t('round.sheet')}</a>
            </li>
          </ul>
        </>
      )}
      <h2>{t(round.state === 'draft' ? 'round.preview' : 'round.drawn', { n: rows.length })}</h2>
      {round.state === 'draft' && <p class="hint">{t('round.previewHint')}</p>}
      <DataTable
        rows={rows}
        columns={[
          { label: t('round.enterprise'), render: (r) => r.enterprise },
          { label: t('round.stratum'), render: (r) => r.stratum ?? '—' },
          ...(round.state === 'draft'
            ? []
            : [
                {
                  label: t('round.inviteStatus'),
                  render: (r: Row) =>
                    r.submittedAt
                      ? t('round.inviteStatus.submitted', { at: chinaDateTime(r.submittedAt) })
                      : r.openedAt
                        ? t('round.inviteStatus.opened', { at: chinaDateTime(r.openedAt) })
                        : t('round.inviteStatus.created'),
                },
              ]),
          { label: t('round.contact'), render: (r) => r.contactName },
          { label: t('round.phone'), render: (r) => r.contactPhone },
          ...(links
            ? [
                {
                  label: t('round.link'),
                  render: (r: Row) => (
                    <>
                      <a href={`${base}/links/${r.id}`} data-copy={r.url} data-copied={t('round.copied')}>
                        {t('round.copyLink')}
                      </a>{' '}
                      <a href={`${base}/links/${r.id}#qr`}>{t('round.qr')}</a>
                    </>
                  ),
                },
              ]
            : []),
        ]}
      />
      <h2>{t('round.history')}</h2>
      <DataTable
        rows={history}
        columns={[
          { label: t('round.history.at'), render: (h) => chinaDateTime(h.at) },
          { label: t('round.history.move'), render: (h) => t(`round.move.${h.action}` as MessageKey) },
          { label: t('round.history.by'), render: (h) => h.actor ?? '—' },
          { label: t('round.history.note'), render: (h) => historyNote(h, t) },
        ]}
      />
    </AdminShell>
  );
}
