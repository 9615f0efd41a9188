// The pages of a round's moves (issue 17): each says what will happen before it happens, and holds the
// POST form — confirmation steps that work without JavaScript.
import { chinaDateTime } from '../../../schema/rules/china-time';
import type { LoadedRound } from '../../../worker/surveys/round-load';
import { type FormState, TextField } from '../../components/fields';
import { usePage } from '../../context';
import { ConfirmPage } from './confirm';

const str = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

export type ReasonMove = 'reseed' | 'close' | 'void';

/** 发布: now, or at a chosen time; the draft's list goes out as previewed. */
export function LaunchPage({ round, form }: { round: LoadedRound; form: FormState }) {
  const { t } = usePage();
  const start = str(form.values.start) || 'now';
  const error = form.errors.opensAt;
  return (
    <ConfirmPage
      title={t('round.launchTitle', { name: round.name })}
      effects={[
        t('round.launch.links', { n: round.invited }),
        t('round.launch.final'),
        t('round.launch.closes', { to: chinaDateTime(round.closesAt) }),
        t('round.launch.officers'),
      ]}
      action={`/admin/rounds/${round.id}/launch`}
      confirmLabel={t('round.launch')}
      back={`/admin/rounds/${round.id}`}
    >
      <fieldset class={error ? 'field has-error' : 'field'}>
        <legend>{t('round.opensAt')}</legend>
        <label class="choice">
          <input type="radio" name="start" value="now" checked={start === 'now'} /> {t('round.start.now')}
        </label>
        <label class="choice">
          <input type="radio" name="start" value="at" checked={start === 'at'} /> {t('round.start.at')}
        </label>
        <label for="f-opensAt">{t('round.start.time')}</label>
        <input
          id="f-opensAt"
          name="opensAt"
          type="datetime-local"
          value={str(form.values.opensAt)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'e-opensAt' : 'h-opensAt'}
        />
        <small id="h-opensAt" class="hint">
          {t('round.start.hint')}
        </small>
        {error && (
          <small id="e-opensAt" class="error" role="alert">
            {error}
          </small>
        )}
      </fieldset>
    </ConfirmPage>
  );
}

/** 重新抽取种子, 提前结束, 作废: what each does, and why it is done (the reason goes to the audit log). */
export function ReasonPage({ move, round, form, now }: { move: ReasonMove; round: LoadedRound; form: FormState; now: number }) {
  const { t } = usePage();
  const effects = {
    reseed: [t('round.reseed.redraw'), t('round.reseed.counted', { n: round.seedCount + 1 })],
    close: [t('round.close.now', { at: chinaDateTime(now) }), t('round.close.final'), t('round.close.kept', { n: round.submitted })],
    void: [t('round.void.links'), t('round.void.figures'), t('round.void.final')],
  }[move];
  return (
    <ConfirmPage
      title={t(`round.${move}Title`, { name: round.name })}
      effects={effects}
      action={`/admin/rounds/${round.id}/${move}`}
      confirmLabel={t(`round.${move}`)}
      back={`/admin/rounds/${round.id}`}
      reason={{ label: t(`round.${move}Reason`), form }}
    />
  );
}

/** 延长: a later close time while open, and why. */
export function ExtendPage({ round, form }: { round: LoadedRound; form: FormState }) {
  const { t } = usePage();
  return (
    <ConfirmPage
      title={t('round.extendTitle', { name: round.name })}
      effects={[t('round.extend.from', { from: chinaDateTime(round.closesAt) }), t('round.extend.links')]}
      action={`/admin/rounds/${round.id}/extend`}
      confirmLabel={t('round.extend')}
      back={`/admin/rounds/${round.id}`}
      reason={{ label: t('round.extendReason'), form }}
    >
      <TextField name="closesAt" type="datetime-local" label={t('round.closesAt')} form={form} required />
    </ConfirmPage>
  );
}
