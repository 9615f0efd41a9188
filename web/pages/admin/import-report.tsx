// The preview shows what the import's planners return: their own types, so the page cannot drift from them.
import type { Action, AssignmentChange, EnterpriseChange, Issue } from '../../../worker/admin/import.queries';
import type { LedgerChange } from '../../../worker/admin/ledger-import.queries';
import type { OfficerChange } from '../../../worker/admin/officer-import.queries';
import { AdminShell } from '../../components/admin-shell';
import { DataTable } from '../../components/data-table';
import { usePage } from '../../context';
import type { MessageKey } from '../../i18n';
import { type Kind, TEXT } from './import';

/** What the confirm form sends back: the CSV text, or a sheet's rows as JSON (worker/admin/import-file.ts). */
type Carry = { name: 'csv' | 'sheet'; value: string };

/** What a checked file came to: a file-level problem, bad rows, or the changes a confirm would make. */
export type ImportReport =
  | { problem: string }
  | { issues: Issue[] }
  | { kind: 'enterprises'; changes: EnterpriseChange[]; carry: Carry }
  | { kind: 'assignments'; changes: AssignmentChange[]; carry: Carry }
  | { kind: 'officers'; changes: OfficerChange[]; carry: Carry }
  | { kind: 'ledger'; changes: LedgerChange[]; carry: Carry };

/** Labels of the fields an import changes, per kind of record. */
const FIELD: Record<'enterprises' | 'officers', Record<string, MessageKey>> = {
  enterprises: {
    name: 'import.col.name',
    region: 'import.col.region',
    chainId: 'import.col.chain',
    sector: 'import.col.sector',
    aboveScale: 'import.col.aboveScale',
    contactName: 'import.col.contactName',
    contactPhone: 'import.col.contactPhone',
  },
  officers: { name: 'import.col.officerName', unitId: 'import.col.unit', phone: 'import.col.contactPhone' },
};
const ACTION: Record<Action, MessageKey> = { create: 'import.create', update: 'import.update', unchanged: 'import.unchanged' };

type Option = { id: string; name: string };

export function ImportReportPage({ kind, programme, report }: { kind: Kind; programme?: Option | undefined; report: ImportReport }) {
  const { t } = usePage();
  return (
    <AdminShell title={t(TEXT[kind].preview)}>
      {programme && <p>{t('import.forProgramme', { name: programme.name })}</p>}
      {'problem' in report && (
        <p class="alert" role="alert">
          {report.problem} {t('import.nothingStored')}
        </p>
      )}
      {'issues' in report && <Issues issues={report.issues} />}
      {'changes' in report && <Preview report={report} programme={programme} />}
      <p>
        <a href="/admin/import">{t('import.again')}</a>
      </p>
    </AdminShell>
  );
}

function Issues({ issues }: { issues: Issue[] }) {
  const { t } = usePage();
  return (
    <>
      <p class="alert" role="alert">
        {t('import.issues', { n: issues.length })} {t('import.nothingStored')}
      </p>
      <DataTable
        rows={issues}
        columns={[
          { label: t('import.line'), render: (i) => i.line },
          { label: t('import.column'), render: (i) => i.column || '—' },
          { label: t('import.reason'), render: (i) => i.message },
        ]}
      />
    </>
  );
}

const countsOf = (changes: { action: Action }[]) => {
  const count = (a: Action) => changes.filter((ch) => ch.action === a).length;
  return { created: count('create'), updated: count('update'), unchanged: count('unchanged') };
};

function Preview({ report, programme }: { report: Extract<ImportReport, { changes: unknown }>; programme?: Option | undefined }) {
  const { t } = usePage();
  const counts = countsOf(report.changes);
  const common = [
    { label: t('import.line'), render: (r: { line: number }) => r.line },
    { label: t('import.action'), render: (r: { action: Action }) => t(ACTION[r.action]) },
  ];
  const changed = (kind: 'enterprises' | 'officers') => (r: { changed: string[] }) =>
    r.changed.map((k) => t(FIELD[kind][k] ?? 'import.col.name')).join('、');
  return (
    <>
      <p role="status">{t('import.summary', counts)}</p>
      {counts.created + counts.updated === 0 ? (
        <p class="notice">{t('import.nothingToDo')}</p>
      ) : (
        <form method="post" action={`/admin/import/${report.kind}/commit`} enctype="multipart/form-data" class="actions">
          <input type="hidden" name={report.carry.name} value={report.carry.value} />
          {programme && <input type="hidden" name="programmeId" value={programme.id} />}
          <button type="submit" class="primary">
            {t('import.confirm')}
          </button>
          <a href="/admin/import">{t('action.cancel')}</a>
        </form>
      )}
      {report.kind === 'enterprises' && (
        <DataTable
          rows={report.changes}
          columns={[
            ...common,
            { label: t('import.col.creditCode'), render: (r) => r.creditCode },
            { label: t('import.col.name'), render: (r) => r.name },
            { label: t('import.changes'), render: changed('enterprises') },
          ]}
        />
      )}
      {report.kind === 'assignments' && (
        <DataTable
          rows={report.changes}
          columns={[
            ...common,
            { label: t('import.enterprise'), render: (r) => r.enterprise },
            { label: t('import.officer'), render: (r) => r.officer },
            { label: t('import.col.lead'), render: (r) => t(r.lead ? 'yes' : 'no') },
            { label: t('assign.startsOn'), render: (r) => r.startsOn },
            { label: t('assign.endsOn'), render: (r) => r.endsOn ?? t('assign.open') },
          ]}
        />
      )}
      {report.kind === 'officers' && (
        <DataTable
          rows={report.changes}
          columns={[
            ...common,
            { label: t('import.col.login'), render: (r) => r.login },
            { label: t('import.col.officerName'), render: (r) => r.name },
            { label: t('import.col.unit'), render: (r) => r.unit },
            { label: t('import.changes'), render: changed('officers') },
          ]}
        />
      )}
      {report.kind === 'ledger' && (
        <DataTable
          rows={report.changes}
          columns={[
            common[0] as (typeof common)[number],
            // A row already in the ledger is skipped, not compared: the problem has moved on since it was imported.
            { label: t('import.action'), render: (r) => t(r.action === 'unchanged' ? 'import.ledgerImported' : ACTION[r.action]) },
            { label: t('import.enterprise'), render: (r) => r.enterprise },
            { label: t('import.col.status'), render: (r) => t(`problem.status.${r.status}`) },
            { label: t('import.col.description'), render: (r) => r.description },
          ]}
        />
      )}
    </>
  );
}

type LinkView = { login: string; name: string; link: string };

/** After an officer import: the counts, and each new account's setup link, shown this once. */
export function ImportLinksPage({ counts, links, hours }: { counts: ReturnType<typeof countsOf>; links: LinkView[]; hours: number }) {
  const { t } = usePage();
  return (
    <AdminShell title={t('import.linksTitle')}>
      <p class="notice" role="status">
        {t('import.doneOfficers', counts)}
      </p>
      {links.length > 0 && (
        <>
          <p class="alert">{t('import.linksNote', { hours })}</p>
          <DataTable
            rows={links}
            columns={[
              { label: t('import.col.login'), render: (l) => l.login },
              { label: t('import.col.officerName'), render: (l) => l.name },
              { label: t('import.linksColumn'), render: (l) => <code class="setup-link">{l.link}</code> },
            ]}
          />
        </>
      )}
      <p>
        <a href="/admin/import">{t('import.again')}</a> · <a href="/admin/officers">{t('import.toOfficers')}</a>
      </p>
    </AdminShell>
  );
}
