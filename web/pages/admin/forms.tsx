import { chinaDateTime } from '../../../schema/rules/china-time';
import type { FORM_KINDS, FORM_VERSION_STATUSES } from '../../../schema/survey-tables';
import { AdminShell, StatusBadge } from '../../components/admin-shell';
import { DataTable, Pager, SearchBox } from '../../components/data-table';
import { FormAlert, type FormState, SelectField } from '../../components/fields';
import { usePage } from '../../context';
import type { Translate } from '../../i18n';
import { IssueList, type IssueView } from './forms-editor';

export type FormKind = (typeof FORM_KINDS)[number];
export type VersionStatus = (typeof FORM_VERSION_STATUSES)[number];
type FormRow = {
  id: string;
  name: string;
  kind: FormKind;
  disabled: boolean;
  updatedAt: number;
  version: number | null;
  status: VersionStatus | null;
};
type ListProps = { rows: FormRow[]; total: number; page: number; hasNext: boolean; q: string };

export function VersionBadge({ version, status }: { version: number; status: VersionStatus }) {
  const { t } = usePage();
  return (
    <>
      {t('form.version', { v: version })}{' '}
      <span class={status === 'published' ? 'badge on' : 'badge off'}>
        {t(status === 'published' ? 'form.status.published' : 'form.status.draft')}
      </span>
    </>
  );
}

const kindOptions = (t: Translate) => [
  { value: 'survey', label: t('form.kind.survey') },
  { value: 'memo_extra', label: t('form.kind.memo_extra') },
];

export function FormListPage({ rows, total, page, hasNext, q }: ListProps) {
  const { t } = usePage();
  return (
    <AdminShell title={t('admin.forms')} action={{ href: '/admin/forms/new', label: t('form.new') }}>
      <SearchBox q={q} label={t('form.search')} />
      <DataTable
        rows={rows}
        columns={[
          { label: t('form.list.name'), render: (f) => <a href={`/admin/forms/${f.id}`}>{f.name}</a> },
          { label: t('form.list.kind'), render: (f) => t(f.kind === 'survey' ? 'form.kind.survey' : 'form.kind.memo_extra') },
          {
            label: t('form.list.version'),
            render: (f) => (f.version && f.status ? <VersionBadge version={f.version} status={f.status} /> : ''),
          },
          { label: t('field.status'), render: (f) => <StatusBadge disabled={f.disabled} /> },
          { label: t('form.list.updatedAt'), render: (f) => chinaDateTime(f.updatedAt) },
        ]}
      />
      <Pager page={page} total={total} hasNext={hasNext} query={{ q }} />
    </AdminShell>
  );
}

type Source = { value: string; label: string; about?: string };

/** "New form": a built-in template or blank (one POST form), or a JSON file (a multipart upload). */
export function NewFormPage(props: { form: FormState; sources: Source[]; importForm: FormState; importIssues?: IssueView[] }) {
  const { form, sources, importForm, importIssues = [] } = props;
  const { t } = usePage();
  const chosen = typeof form.values.source === 'string' ? form.values.source : sources[0]?.value;
  return (
    <AdminShell title={t('form.new')}>
      <FormAlert form={form} message={t('form.invalid')} />
      <form method="post" action="/admin/forms" class="card">
        <fieldset class={form.errors.source ? 'field has-error' : 'field'}>
          <legend>
            {t('form.new.template')} / {t('form.new.blank')}
          </legend>
          {sources.map((s) => (
            <label class="field check">
              <input type="radio" name="source" value={s.value} checked={s.value === chosen} required /> {s.label}
            </label>
          ))}
          {form.errors.source && <small class="error">{form.errors.source}</small>}
        </fieldset>
        <SelectField name="kind" label={t('form.list.kind')} form={form} options={kindOptions(t)} />
        <div class="actions">
          <button type="submit" class="primary">
            {t('form.create')}
          </button>
          <a href="/admin/forms">{t('action.cancel')}</a>
        </div>
      </form>
      <h2>{t('form.new.import')}</h2>
      <FormAlert form={importForm} message={t('form.invalid')} />
      <form method="post" action="/admin/forms/import" enctype="multipart/form-data" class="card">
        <div class={importForm.errors.file ? 'field has-error' : 'field'}>
          <label for="f-file">{t('form.import.file')}</label>
          <input id="f-file" name="file" type="file" accept=".json,application/json" required aria-describedby="h-file" />
          <small id="h-file" class="hint">
            {t('form.import.hint')}
          </small>
          {importForm.errors.file && (
            <small class="error" role="alert">
              {importForm.errors.file}
            </small>
          )}
          <IssueList issues={importIssues} />
        </div>
        <div class="field">
          {/* Not SelectField: its id (f-kind) is taken by the form above on the same page. */}
          <label for="f-import-kind">{t('form.list.kind')}</label>
          <select id="f-import-kind" name="kind">
            {kindOptions(t).map((o) => (
              <option value={o.value} selected={o.value === importForm.values.kind}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div class="actions">
          <button type="submit" class="primary">
            {t('form.import')}
          </button>
        </div>
      </form>
    </AdminShell>
  );
}
