// 待办通知: how new 待办 reach people beyond the app (none, a signed webhook, email), and the deliveries
// that failed.
import { OUTBOX_CHANNELS } from '../../../schema/ledger-tables';
import { chinaDateTime } from '../../../schema/rules/china-time';
import { AdminShell } from '../../components/admin-shell';
import { DataTable } from '../../components/data-table';
import { FormAlert, type FormState, TextField } from '../../components/fields';
import { usePage } from '../../context';
import type { MessageKey } from '../../i18n';

type Failed = { id: number; channel: string; message: string; attempts: number; lastError: string; createdAt: number; userName: string };
type Props = { form: FormState; failed: Failed[]; saved: boolean; emailReady: boolean };

export function NotifyPage({ form, failed, saved, emailReady }: Props) {
  const { t } = usePage();
  const channel = String(form.values.channel ?? 'none');
  return (
    <AdminShell title={t('notify.title')}>
      <p>{t('notify.intro')}</p>
      {saved && <p class="notice">{t('notify.saved')}</p>}
      <FormAlert form={form} message={t('form.invalid')} />
      <form method="post" action="/admin/notifications" class="card">
        <fieldset class={form.errors.channel ? 'field has-error' : 'field'}>
          <legend>{t('notify.channel')}</legend>
          {OUTBOX_CHANNELS.map((c) => (
            <div>
              <label>
                <input type="radio" name="channel" value={c} checked={channel === c} /> {t(`notify.channel.${c}` as MessageKey)}
              </label>
            </div>
          ))}
          {!emailReady && <small class="hint">{t('notify.emailMissing')}</small>}
          {form.errors.channel && (
            <small class="error" role="alert">
              {form.errors.channel}
            </small>
          )}
        </fieldset>
        <TextField name="webhookUrl" type="url" label={t('notify.webhookUrl')} hint={t('notify.webhookHint')} form={form} maxLength={500} />
        <button type="submit" class="primary">
          {t('action.save')}
        </button>
      </form>
      <h2>{t('notify.failed', { n: failed.length })}</h2>
      <DataTable
        rows={failed}
        columns={[
          { label: t('notify.at'), render: (f) => chinaDateTime(f.createdAt) },
          { label: t('notify.to'), render: (f) => f.userName },
          { label: t('notify.channel'), render: (f) => t(`notify.channel.${f.channel}` as MessageKey) },
          { label: t('notify.message'), render: (f) => f.message },
          { label: t('notify.attempts'), render: (f) => f.attempts },
          { label: t('notify.error'), render: (f) => f.lastError },
        ]}
      />
      {failed.length > 0 && (
        <form method="post" action="/admin/notifications/retry">
          <button type="submit">{t('notify.retry')}</button>
        </form>
      )}
    </AdminShell>
  );
}
