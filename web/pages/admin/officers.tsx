import { AdminShell, StatusBadge, ToggleButton } from '../../components/admin-shell';
import { DataTable, FilterSelect, Pager, SearchBox } from '../../components/data-table';
import { FormAlert, type FormState, SelectField, TextField } from '../../components/fields';
import { QrCode, type QrGeometry } from '../../components/qr-code';
import { usePage } from '../../context';
import type { MessageKey } from '../../i18n';

/** 帮扶干部, 单位联络员 (issue 15) or 领导 (issue 19): the same pages, their own paths and words. */
export type AccountKind = {
  role: 'officer' | 'handler' | 'leader';
  base: string;
  labels: Record<'title' | 'new' | 'edit' | 'created' | 'setupIntro' | 'setupDisabled' | 'back' | 'disableEffect', MessageKey>;
};

export const OFFICERS: AccountKind = {
  role: 'officer',
  base: '/admin/officers',
  labels: {
    title: 'admin.officers',
    new: 'officer.new',
    edit: 'officer.edit',
    created: 'officer.created',
    setupIntro: 'officer.setupIntro',
    setupDisabled: 'officer.setupDisabled',
    back: 'officer.back',
    disableEffect: 'confirm.disable.officer',
  },
};

export const HANDLERS: AccountKind = {
  role: 'handler',
  base: '/admin/handlers',
  labels: {
    title: 'admin.handlers',
    new: 'handler.new',
    edit: 'handler.edit',
    created: 'handler.created',
    setupIntro: 'handler.setupIntro',
    setupDisabled: 'handler.setupDisabled',
    back: 'handler.back',
    disableEffect: 'confirm.disable.handler',
  },
};

/** 领导: a unit's place on the form is the leader's scope (the whole programme, one chain or one region). */
export const LEADERS: AccountKind = {
  role: 'leader',
  base: '/admin/leaders',
  labels: {
    title: 'admin.leaders',
    new: 'leader.new',
    edit: 'leader.edit',
    created: 'leader.created',
    setupIntro: 'leader.setupIntro',
    setupDisabled: 'leader.setupDisabled',
    back: 'leader.back',
    disableEffect: 'confirm.disable.leader',
  },
};

type Officer = {
  id: string;
  login: string;
  name: string;
  phone: string | null;
  email: string | null;
  unitName: string | null;
  disabled: boolean;
  hasPassword: boolean;
};
type Option = { id: string; name: string };
type ListProps = {
  kind: AccountKind;
  rows: Officer[];
  total: number;
  page: number;
  hasNext: boolean;
  q: string;
  unit: string;
  units: Option[];
};

export function OfficerListPage({ kind, rows, total, page, hasNext, q, unit, units }: ListProps) {
  const { t } = usePage();
  const leaders = kind.role === 'leader';
  return (
    <AdminShell title={t(kind.labels.title)} action={{ href: `${kind.base}/new`, label: t(kind.labels.new) }}>
      <SearchBox q={q} label={t('officer.search')}>
        {!leaders && (
          <FilterSelect
            name="unit"
            label={t('officer.unit')}
            value={unit}
            all={t('officer.allUnits')}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
          />
        )}
      </SearchBox>
      <DataTable
        rows={rows}
        columns={[
          { label: t('officer.name'), render: (o) => o.name },
          { label: t('officer.login'), render: (o) => o.login },
          leaders
            ? { label: t('leader.scope'), render: (o) => o.unitName ?? t('leader.scopeAll') }
            : { label: t('officer.unit'), render: (o) => o.unitName ?? '' },
          { label: t('officer.phone'), render: (o) => o.phone ?? '' },
          { label: t('officer.email'), render: (o) => o.email ?? '' },
          { label: t('officer.password'), render: (o) => t(o.hasPassword ? 'officer.passwordSet' : 'officer.passwordUnset') },
          { label: t('field.status'), render: (o) => <StatusBadge disabled={o.disabled} /> },
          {
            label: t('list.actions'),
            render: (o) => (
              <>
                <a href={`${kind.base}/${o.id}/edit`}>{t('action.edit')}</a>{' '}
                <ToggleButton action={`${kind.base}/${o.id}`} disabled={o.disabled} />{' '}
                {!o.disabled && (
                  <form method="post" action={`${kind.base}/${o.id}/setup-link`} class="inline">
                    <button type="submit" class="link">
                      {t('officer.setupLink')}
                    </button>
                  </form>
                )}
              </>
            ),
          },
        ]}
      />
      <Pager page={page} total={total} hasNext={hasNext} query={{ q, unit }} />
    </AdminShell>
  );
}

export function OfficerFormPage({
  kind,
  form,
  id,
  options,
}: {
  kind: AccountKind;
  form: FormState;
  id?: string;
  options: { value: string; label: string }[];
}) {
  const { t } = usePage();
  return (
    <AdminShell title={t(id ? kind.labels.edit : kind.labels.new)}>
      <FormAlert form={form} message={t('form.invalid')} />
      <form method="post" action={id ? `${kind.base}/${id}` : kind.base} class="card">
        {!id && (
          <TextField
            name="login"
            label={t('officer.login')}
            hint={t('officer.loginHint')}
            form={form}
            required
            maxLength={32}
            pattern="[a-z0-9._\-]{3,32}"
            autocomplete="off"
          />
        )}
        <TextField name="name" label={t('officer.name')} form={form} required maxLength={40} />
        {kind.role === 'leader' ? (
          <SelectField
            name="scope"
            label={t('leader.scope')}
            hint={t('leader.scopeHint')}
            form={form}
            blank={t('leader.scopeAll')}
            options={options.map((o) => ({
              value: o.value,
              label: t(o.value.startsWith('chain:') ? 'leader.scopeChain' : 'leader.scopeRegion', { name: o.label }),
            }))}
          />
        ) : (
          <SelectField name="unitId" label={t('officer.unit')} form={form} required blank={t('officer.pickUnit')} options={options} />
        )}
        <TextField name="phone" type="tel" label={t('officer.phone')} form={form} maxLength={32} autocomplete="off" />
        <TextField
          name="email"
          type="email"
          label={t('officer.email')}
          hint={t('officer.emailHint')}
          form={form}
          maxLength={254}
          autocomplete="off"
        />
        <div class="actions">
          <button type="submit" class="primary">
            {t('action.save')}
          </button>
          <a href={kind.base}>{t('action.cancel')}</a>
        </div>
      </form>
    </AdminShell>
  );
}

/** Shown once, right after the link is made: only its hash is stored, so it cannot be shown again. */
export function SetupLinkPage({
  kind,
  name,
  login,
  link,
  qr,
  created,
}: {
  kind: AccountKind;
  name: string;
  login: string;
  link: string;
  qr: QrGeometry;
  created: boolean;
}) {
  const { t } = usePage();
  return (
    <AdminShell title={t(created ? 'officer.createdTitle' : 'officer.setupTitle')}>
      <section class="card setup-link">
        {created && (
          <p class="notice" role="status">
            {t(kind.labels.created, { name, login })}
          </p>
        )}
        <p>{t(kind.labels.setupIntro, { name, login })}</p>
        <p>
          <label for="setup-link">{t('officer.setupLinkLabel')}</label>
          <input id="setup-link" type="text" readOnly value={link} size={80} />
        </p>
        <QrCode qr={qr} label={t('officer.setupQr', { name })} class="qr" />
        <p class="hint">{t('officer.setupOnce')}</p>
        <p>
          <a href={kind.base}>{t(kind.labels.back)}</a>
        </p>
      </section>
    </AdminShell>
  );
}
