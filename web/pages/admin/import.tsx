import type { ComponentChildren } from 'preact';
import {
  ASSIGNMENT_COLUMNS,
  type ColumnSpec,
  ENTERPRISE_COLUMNS,
  type ImportDone,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  OFFICER_COLUMNS,
} from '../../../schema/inputs/imports';
import { LEDGER_COLUMNS } from '../../../schema/inputs/ledger-import';
import { AdminShell } from '../../components/admin-shell';
import { type FormState, SelectField } from '../../components/fields';
import { usePage } from '../../context';
import type { MessageKey } from '../../i18n';

export type Kind = 'enterprises' | 'assignments' | 'officers' | 'ledger';

export const TEXT = {
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
  officers: {
    title: 'import.officers',
    about: 'import.officersAbout',
    preview: 'import.previewOfficers',
    done: 'import.doneOfficers',
  },
  ledger: {
    title: 'import.ledger',
    about: 'import.ledgerAbout',
    preview: 'import.previewLedger',
    done: 'import.doneLedger',
  },
} as const satisfies Record<Kind, Record<string, MessageKey>>;

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
        <UploadCard kind="officers" columns={OFFICER_COLUMNS} />
        <UploadCard kind="ledger" columns={LEDGER_COLUMNS} />
      </div>
    </AdminShell>
  );
}

/** What the file input offers; the server tells the formats apart by their bytes, not by this list. */
const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

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
            <span class="muted"> — {t(col.hint as MessageKey)}</span>
          </li>
        ))}
      </ul>
      <p>
        {t('import.template')}{' '}
        <a href={`/admin/import/template/${kind}.xlsx`} download>
          {t('import.templateXlsx')}
        </a>{' '}
        <a href={`/admin/import/template/${kind}.csv`} download>
          {t('import.templateCsv')}
        </a>
      </p>
      <form method="post" action={`/admin/import/${kind}`} enctype="multipart/form-data">
        {children}
        <div class="field">
          <label for={`f-${kind}-file`}>{t('import.file')}</label>
          <input id={`f-${kind}-file`} type="file" name="file" accept={ACCEPT} required aria-describedby={`h-${kind}-file`} />
          <small id={`h-${kind}-file`} class="hint">
            {t('import.fileHint', { max: MAX_IMPORT_ROWS, mb: MAX_IMPORT_BYTES / 1024 / 1024 })}
          </small>
        </div>
        <button type="submit" class="primary">
          {t('import.upload')}
        </button>
      </form>
    </section>
  );
}
