// The claims cross-check on the admin's statistics pages (issue 14 §4): per closed round, how often the
// memos' claimed contacts and on-site visits were contradicted by the enterprises' own answers (Q1/Q2),
// as a rate with its n; under k a group shows 样本不足 with its n (admins see every group marked, as they
// read the answers anyway); each officer's figure links to the memos behind it, never to an answer.
import { chinaDate } from '../../../schema/rules/china-time';
import { rate } from '../../../schema/rules/figures';
import type { ClaimGroup, ClaimMemo, ClaimRound } from '../../../worker/stats/claims.queries';
import { AdminShell } from '../../components/admin-shell';
import { DataTable } from '../../components/data-table';
import { usePage } from '../../context';
import { type Filter, FilterForm, RateText, Section, StatsNav, Suppressed } from './parts';
import { noneKey } from './tables';

export type ClaimTable = { round: ClaimRound; groups: ClaimGroup[]; total?: ClaimGroup };

export function ClaimCell({ g, k, href }: { g: ClaimGroup; k: number; href?: string }) {
  return g.checked < k ? (
    <Suppressed n={g.checked} help="claims.suppressedHelp" />
  ) : (
    <RateText rate={rate(g.contradicted, g.checked)} href={href} />
  );
}

export function ClaimsSection({
  tables,
  by,
  k,
  title,
  about = true,
  every,
}: {
  tables: ClaimTable[];
  by: 'unit' | 'officer';
  k: number;
  /** The section's heading when a page has more than one (it also names the section's id). */
  title?: string;
  /** Whether to explain the rate (once a page). */
  about?: boolean;
  /** Only the latest round is shown: how many there are, and the page with every one of them. */
  every?: { rounds: number; href: string };
}) {
  const { t } = usePage();
  const href = (round: ClaimRound, g: ClaimGroup) => (by === 'officer' && g.key ? `/admin/stats/claims/${round.id}/${g.key}` : undefined);
  return (
    <Section title={title ?? t('claims.title')} id={title ? `claims-${by}` : 'claims'}>
      {about && <p class="muted">{t('claims.about', { k })}</p>}
      {tables.length === 0 && <p class="empty">{t('claims.none')}</p>}
      {every && (
        <p class="muted">
          {t('claims.latestOnly', { n: every.rounds })}
          <a href={every.href}>{t('claims.everyRound')}</a>
        </p>
      )}
      {tables.map(({ round, groups, total }) => (
        <DataTable
          caption={t('claims.round', { name: round.name, closed: chinaDate(round.closesAt) })}
          rows={total ? [...groups, total] : groups}
          columns={[
            { label: t('stats.group'), render: (g) => (g === total ? t('claims.total') : (g.label ?? t(noneKey(by)))) },
            { label: t('claims.checked'), render: (g) => g.checked },
            { label: t('claims.rate'), render: (g) => <ClaimCell g={g} k={k} href={g === total ? undefined : href(round, g)} /> },
          ]}
        />
      ))}
    </Section>
  );
}

/** /admin/stats/claims: the cross-check of every closed round in the period, by unit and by officer. */
export function ClaimsPage({
  filter,
  query,
  byUnit,
  byOfficer,
  k,
}: {
  filter: Filter;
  query: string;
  byUnit: ClaimTable[];
  byOfficer: ClaimTable[];
  k: number;
}) {
  const { t } = usePage();
  return (
    <AdminShell title={t('claims.title')}>
      <FilterForm filter={filter} />
      <StatsNav query={query} current="/admin/stats/claims" />
      <ClaimsSection tables={byUnit} by="unit" k={k} title={t('claims.byUnit')} />
      <ClaimsSection tables={byOfficer} by="officer" k={k} title={t('claims.byOfficer')} about={false} />
    </AdminShell>
  );
}

/** /admin/stats/claims/:round/:officer — the memos behind one officer's figure, each with its claims and how many were contradicted. */
export function ClaimMemosPage({ officer, round, memos }: { officer: string; round: ClaimRound; memos: ClaimMemo[] }) {
  const { t } = usePage();
  return (
    <AdminShell title={t('claims.memosTitle', { officer, round: round.name })}>
      <p class="muted">{t('claims.memosAbout')}</p>
      <DataTable
        rows={memos}
        columns={[
          { label: t('claims.visitDate'), render: (m) => <a href={`/memos/${m.id}`}>{m.visitDate}</a> },
          { label: t('assign.enterprise'), render: (m) => m.enterprise },
          { label: t('claims.mode'), render: (m) => t(m.mode === 'onsite' ? 'claims.mode.onsite' : 'claims.mode.other') },
          { label: t('claims.checked'), render: (m) => m.checked },
          { label: t('claims.contradicted'), render: (m) => (m.contradicted ? <strong>{m.contradicted}</strong> : 0) },
        ]}
      />
    </AdminShell>
  );
}
