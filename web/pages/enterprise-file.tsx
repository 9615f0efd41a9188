// 帮扶档案: one enterprise's profile, pairing, problems and full history, laid out to print as the
// archive (web/styles/print.css, linked only here). Survey rounds are shown to admins only.
import type { PROBLEM_CATEGORIES, PROBLEM_STATUSES } from '../../schema/memo-tables';
import { chinaDateTime } from '../../schema/rules/china-time';
import type { Sector } from '../../schema/tables';
import { DataTable } from '../components/data-table';
import { usePage } from '../context';
import { Layout } from '../layout';
import { type FileEvent, type FileMemo, FileTimeline } from './enterprise-file-timeline';
import type { Revision } from './memos/memo-revisions';
import { categoryKey, ProblemStatus } from './problems/labels';

type Profile = {
  id: string;
  name: string;
  creditCode: string;
  region: string;
  sector: Sector;
  aboveScale: boolean;
  contactName: string;
  contactPhone: string;
  chainName: string | null;
};
type Pairing = { programmeName: string; startsOn: string; endsOn: string; officerName: string; unitName: string | null; isLead: boolean };
type Problem = {
  id: string;
  code: string;
  category: (typeof PROBLEM_CATEGORIES)[number];
  description: string;
  raisedOn: string;
  status: (typeof PROBLEM_STATUSES)[number];
  deadline: string;
  extendedDeadline: string | null;
  closedOn: string | null;
  supervisedOn: string | null;
  leadUnitName: string | null;
  overdue: boolean;
};
type Round = { id: string; name: string; opensAt: number; closesAt: number; submitted: boolean };
type Props = {
  enterprise: Profile;
  pairings: Pairing[];
  memos: FileMemo[];
  problems: Problem[];
  events: FileEvent[];
  revisions: (Revision & { memoId: string })[];
  photos: { memoId: string; url: string }[];
  /** null for officers: the section is not rendered at all. */
  rounds: Round[] | null;
  printedOn: string;
};

export function EnterpriseFilePage({ enterprise: e, pairings, memos, problems, events, revisions, photos, rounds, printedOn }: Props) {
  const { t } = usePage();
  const profile: [string, string][] = [
    [t('ent.creditCode'), e.creditCode],
    [t('ent.region'), e.region],
    [t('ent.chain'), e.chainName ?? ''],
    [t('ent.sector'), t(`ent.sector.${e.sector}`)],
    [t('ent.aboveScale'), e.aboveScale ? t('yes') : t('no')],
    [t('ent.contact'), [e.contactName, e.contactPhone].filter(Boolean).join(' ')],
  ];
  return (
    <Layout title={t('file.pageTitle', { name: e.name })} wide>
      <link rel="stylesheet" href="/assets/print.css" media="print" />
      <h1>
        {t('file.title')} · {e.name}
      </h1>
      <p class="muted">{t('file.printedOn', { date: printedOn })}</p>
      <section class="card" data-section="profile">
        <h2>{t('file.profile')}</h2>
        <dl>
          {profile
            .filter(([, v]) => v)
            .map(([k, v]) => (
              <>
                <dt>
                  <strong>{k}</strong>
                </dt>
                <dd>{v}</dd>
              </>
            ))}
        </dl>
      </section>
      <section data-section="pairing">
        <h2>{t('file.pairing')}</h2>
        <DataTable
          cards
          rows={pairings}
          columns={[
            { label: t('file.programme'), render: (p) => `${p.programmeName}（${p.startsOn} — ${p.endsOn}）` },
            { label: t('memo.officer'), render: (p) => p.officerName },
            { label: t('file.unit'), render: (p) => p.unitName ?? '' },
            { label: t('home.lead'), render: (p) => (p.isLead ? t('yes') : '') },
          ]}
        />
      </section>
      <section data-section="problems">
        <h2>{t('file.problems', { n: problems.length })}</h2>
        <DataTable
          cards
          rows={problems}
          columns={[
            { label: t('problem.code'), render: (p) => <a href={`/problems/${p.id}`}>{p.code}</a> },
            { label: t('problem.category'), render: (p) => t(categoryKey(p.category)) },
            { label: t('problem.description'), render: (p) => p.description },
            { label: t('problem.raisedOn'), render: (p) => p.raisedOn },
            { label: t('problem.leadUnit'), render: (p) => p.leadUnitName ?? '' },
            { label: t('problem.deadline'), render: (p) => p.extendedDeadline ?? p.deadline },
            { label: t('problem.closedOn'), render: (p) => p.closedOn ?? '' },
            {
              label: t('problem.status'),
              render: (p) => <ProblemStatus status={p.status} overdue={p.overdue} supervised={p.supervisedOn !== null} />,
            },
          ]}
        />
      </section>
      <section data-section="timeline">
        <h2>{t('file.timeline')}</h2>
        <FileTimeline memos={memos} events={events} revisions={revisions} photos={photos} />
      </section>
      {rounds && (
        <section data-section="rounds">
          <h2>{t('file.rounds')}</h2>
          <p class="muted">{t('file.roundsNote')}</p>
          <DataTable
            cards
            rows={rounds}
            columns={[
              { label: t('file.roundName'), render: (r) => r.name },
              { label: t('file.roundWindow'), render: (r) => `${chinaDateTime(r.opensAt)} — ${chinaDateTime(r.closesAt)}` },
              { label: t('file.roundSubmitted'), render: (r) => (r.submitted ? t('file.submitted') : t('file.notSubmitted')) },
            ]}
          />
        </section>
      )}
    </Layout>
  );
}
