import type { ComponentChildren } from 'preact';
import { ASSIGNMENT_COLUMNS, type ColumnSpec, ENTERPRISE_COLUMNS, type ImportDone, MAX_IMPORT_ROWS } from '../../../schema/inputs/imports';
import { AdminShell } from '../../components/admin-shell';
import { DataTable } from '../../components/data-table';
import { type FormState, SelectField } from '../../components/fields';
import { usePage } from '../../context';
import type { MessageKey } from '../../i18n';

type Kind = 'enterprises' | 'assignments';
type Action = 'create' | 'update' | 'unchanged';
type IssueView = { line: number; column: string; message: string };
type EnterpriseChangeView = { line: number; action: Action; creditCode: string; name: string; changed: string[] };
type AssignmentChangeView = { line: number; action: Action; enterprise: string; officer: string; lead: boolean };

/** What a checked file came to: a file-level problem, bad rows, or the changes a confirm would make. */
export type ImportReport =
  | { problem: string }
  | { issues: IssueView[] }
  | { kind: 'enterprises'; changes: EnterpriseChangeView[]; csv: string }
  | { kind: 'assignments'; changes: AssignmentChangeView[]; csv: string };

const TEXT = {
  enterprises: {
    title: 'import.enterprises',
    about: 'import.enterprisesAbout',
    preview: 'import.previewEnterprises',
    done: 'import.doneEnterprises',
  },
  assignments: {
    title: 'import.assignments',
    about: 'import.assignmentsAbout',
    preview: 'import.previewAssignments',
    done: 'import.doneAssignments',
  },
} as const satisfies Record<Kind, Record<string, MessageKey>>;

/** Labels of the enterprise fields an import changes. */
const FIELD: Record<string, MessageKey> = {
  name: 'import.col.name',
  region: 'import.col.region',
  chainId: 'import.col.chain',
  sector: 'import.col.sector',
  aboveScale: 'import.col.aboveScale',
  contactName: 'import.col.contactName',
  contactPhone: 'import.col.contactPhone',
};
const HINT: Record<string, MessageKey> = {
  name: 'import.hint.name',
  creditCode: 'import.hint.creditCode',
  region: 'import.hint.region',
  chain: 'import.hint.chain',
  sector: 'import.hint.sector',
  aboveScale: 'import.hint.yesNo',
  contactName: 'import.hint.optional',
  contactPhone: 'import.hint.optional',
  officerLogin: 'import.hint.officerLogin',
  unit: 'import.hint.unit',
  lead: 'import.hint.lead',
};
const ACTION: Record<Action, MessageKey> = { create: 'import.create', update: 'import.update', unchanged: 'import.unchanged' };

type Option = { id: string; name: string };

export function ImportPage({ programmes, form, done }: { programmes: Option[]; form: FormState; done?: ImportDone | undefined }) {
  const { t } = usePage();
  return (
    <AdminShell title={t('admin.imports')}>
      {done && (
        <p class="notice" role="status">
          {t(TEXT[done.done].done, done)}
        </p>
      )}
      <p>{t('import.intro')}</p>
      <div class="grid2">
        <UploadCard kind="enterprises" columns={ENTERPRISE_COLUMNS} />
        <UploadCard kind="assignments" columns={ASSIGNMENT_COLUMNS}>
          <SelectField
            name="programmeId"
            label={t('import.programme')}
            form={form}
            required
            blank={t('import.choose')}
            options={programmes.map((p) => ({ value: p.id, label: p.name }))}
          />
        </UploadCard>
      </div>
    </AdminShell>
  );
}

function UploadCard({ kind, columns, children }: { kind: Kind; columns: readonly ColumnSpec[]; children?: ComponentChildren }) {
  const { t } = usePage();
  return (
    <section class="card" aria-labelledby={`h-${kind}`}>
      <h2 id={`h-${kind}`}>{t(TEXT[kind].title)}</h2>
      <p>{t(TEXT[kind].about)}</p>
      <ul>
        {columns.map((col) => (
          <li>
            <code>{col.zh}</code> (<code>{col.en}</code>){col.required && <strong> {t('import.required')}</strong>}
            <span class="muted"> — {t(HINT[col.key] ?? 'import.hint.optional')}</span>
          </li>
        ))}
      </ul>
      <p>
        <a href={`/admin/import/template/${kind}.csv`} download>
          {t('import.template')}
        </a>
      </p>
      <form method="post" action={`/admin/import/${kind}`} enctype="multipart/form-data">
        {children}
        <div class="field">
          <label for={`f-${kind}-file`}>{t('import.file')}</label>
          <input id={`f-${kind}-file`} type="file" name="file" accept=".csv,text/csv" required aria-describedby={`h-${kind}-file`} />
          <small id={`h-${kind}-file`} class="hint">
            {t('import.fileHint', { max: MAX_IMPORT_ROWS })}
          </small>
        </div>
        <button type="submit" class="primary">
          {t('import.upload')}
        </button>
      </form>
    </section>
  );
}

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

function Issues({ issues }: { issues: IssueView[] }) {
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

function Preview({ report, programme }: { report: Extract<ImportReport, { changes: unknown }>; programme?: Option | undefined }) {
  const { t } = usePage();
  const count = (a: Action) => report.changes.filter((ch) => ch.action === a).length;
  const counts = { created: count('create'), updated: count('update'), unchanged: count('unchanged') };
  const common = [
    { label: t('import.line'), render: (r: { line: number }) => r.line },
    { label: t('import.action'), render: (r: { action: Action }) => t(ACTION[r.action]) },
  ];
  return (
    <>
      <p role="status">{t('import.summary', counts)}</p>
      {counts.created + counts.updated === 0 ? (
        <p class="notice">{t('import.nothingToDo')}</p>
      ) : (
        <form method="post" action={`/admin/import/${report.kind}/commit`} enctype="multipart/form-data" class="actions">
          <input type="hidden" name="csv" value={report.csv} />
          {programme && <input type="hidden" name="programmeId" value={programme.id} />}
          <button type="submit" class="primary">
            {t('import.confirm')}
          </button>
          <a href="/admin/import">{t('action.cancel')}</a>
        </form>
      )}
      {report.kind === 'enterprises' ? (
        <DataTable
          rows={report.changes}
          columns={[
            ...common,
            { label: t('import.col.creditCode'), render: (r) => r.creditCode },
            { label: t('import.col.name'), render: (r) => r.name },
            { label: t('import.changes'), render: (r) => r.changed.map((k) => t(FIELD[k] ?? 'import.col.name')).join('、') },
          ]}
        />
      ) : (
        <DataTable
          rows={report.changes}
          columns={[
            ...common,
            { label: t('import.enterprise'), render: (r) => r.enterprise },
            { label: t('import.officer'), render: (r) => r.officer },
            { label: t('import.col.lead'), render: (r) => t(r.lead ? 'yes' : 'no') },
          ]}
        />
      )}
    </>
  );
}
