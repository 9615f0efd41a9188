// 我的诉求 (issue 16): the enterprise's own page, reached through its personal link. Server-rendered in the
// respondent's shell (inline stylesheet, no script: the survey's ≤ 14 KB budget, DESIGN §8), phone first.
// It shows who is asking, the enterprise's own problems with the unit's name only and the notes marked
// for it, a confirmation form on each 已办结 problem not yet confirmed, and the form to raise a request.
import { FOLLOW_UPS, PROBLEM_CATEGORIES } from '../../../schema/memo-tables';
import { type Asker, askerText } from '../../components/asker';
import { emptyForm, type FormState } from '../../components/fields';
import { type Privacy, PrivacyNotice } from '../../components/privacy-notice';
import { usePage } from '../../context';
import { categoryKey, followUpKey, statusKey } from '../problems/labels';
import { SurveyLayout } from '../survey/layout';

export type MyProblem = {
  id: string;
  code: string;
  category: (typeof PROBLEM_CATEGORIES)[number];
  description: string;
  raisedOn: string;
  status: Parameters<typeof statusKey>[0];
  deadline: string;
  unit: string | null;
  resolution: string;
  unresolvableReason: string;
  followUp: (typeof FOLLOW_UPS)[number] | null;
  followUpBy: 'enterprise' | 'officer' | null;
  notes: { at: number; note: string }[];
};

export type MyRequestsProps = {
  enterprise: string;
  asker: Asker;
  privacy: Privacy;
  problems: MyProblem[];
  /** The confirmation form just sent, with its values and errors. */
  confirm?: { problemId: string; form: FormState };
  request?: FormState;
  /** A line at the top: what was just done, or why it was refused. */
  message?: { text: string; error: boolean };
};

const Err = ({ form, name }: { form: FormState; name: string }) =>
  form.errors[name] ? (
    <p class="alert" id={`${name}-err`}>
      {form.errors[name]}
    </p>
  ) : null;

function ConfirmForm({ p, form }: { p: MyProblem; form: FormState }) {
  const { t } = usePage();
  const id = (name: string) => `${p.code}-${name}`;
  return (
    <form method="post" action={`/e/problems/${p.id}/confirm`} class="mr-form">
      <fieldset>
        <legend>{t('mine.confirm')}</legend>
        {FOLLOW_UPS.map((f) => (
          <label class="mr-opt">
            <input type="radio" name="outcome" value={f} required checked={form.values.outcome === f} /> {t(followUpKey(f))}
          </label>
        ))}
      </fieldset>
      <Err form={form} name="outcome" />
      <label for={id('reason')}>{t('mine.reason')}</label>
      <small class="rs-foot">{t('mine.confirmHint')}</small>
      <textarea id={id('reason')} name="reason" maxLength={500} rows={2}>
        {String(form.values.reason ?? '')}
      </textarea>
      <Err form={form} name="reason" />
      <button type="submit" class="primary">
        {t('mine.submitConfirm')}
      </button>
    </form>
  );
}

function ProblemCard({ p, confirm }: { p: MyProblem; confirm?: FormState }) {
  const { t } = usePage();
  const row = (label: string, value: string) => (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
  return (
    <article class="rs-notice mr-card" id={p.code}>
      <h2>
        {t(categoryKey(p.category))} <small class="rs-foot">{p.code}</small>
      </h2>
      <p>{p.description}</p>
      <dl>
        {row(t('mine.raisedOn'), p.raisedOn)}
        {row(t('mine.unit'), p.unit ?? t('mine.unitPending'))}
        {row(t('mine.deadline'), p.deadline)}
        {row(t('mine.status'), t(statusKey(p.status)))}
        {p.notes.length > 0 && (
          <>
            <dt>{t('mine.progress')}</dt>
            {p.notes.map((n) => (
              <dd>{n.note}</dd>
            ))}
          </>
        )}
        {p.resolution && row(t('mine.resolution'), p.resolution)}
        {p.unresolvableReason && row(t('mine.unresolvable'), p.unresolvableReason)}
        {p.followUp && row(t('mine.followUp'), `${t(followUpKey(p.followUp))}（${t(`mine.by.${p.followUpBy ?? 'officer'}`)}）`)}
      </dl>
      {p.status === 'closed' && !p.followUp && <ConfirmForm p={p} form={confirm ?? emptyForm()} />}
    </article>
  );
}

function RequestForm({ form }: { form: FormState }) {
  const { t } = usePage();
  return (
    <form method="post" action="/e/requests" class="rs-notice mr-form" id="raise">
      <h2>{t('mine.raise')}</h2>
      <p class="rs-foot">{t('mine.raiseHint')}</p>
      <label for="r-category">{t('mine.category')}</label>
      <select id="r-category" name="category" required>
        <option value="">{t('mine.pickCategory')}</option>
        {PROBLEM_CATEGORIES.map((c) => (
          <option value={c} selected={form.values.category === c}>
            {t(categoryKey(c))}
          </option>
        ))}
      </select>
      <Err form={form} name="category" />
      <label for="r-description">{t('mine.description')}</label>
      <textarea id="r-description" name="description" maxLength={1000} rows={4} required>
        {String(form.values.description ?? '')}
      </textarea>
      <Err form={form} name="description" />
      <label for="r-contact">{t('mine.contact')}</label>
      <input type="text" id="r-contact" name="contact" maxLength={100} value={String(form.values.contact ?? '')} />
      <Err form={form} name="contact" />
      <button type="submit" class="primary">
        {t('mine.submitRaise')}
      </button>
    </form>
  );
}

export function MyRequestsPage({ enterprise, asker, privacy, problems, confirm, request, message }: MyRequestsProps) {
  const { t } = usePage();
  return (
    <SurveyLayout title={t('mine.title')} langSwitch next="/e">
      <h1>{t('mine.title')}</h1>
      <p>{t('mine.intro', { enterprise })}</p>
      <p class="rs-foot">{askerText(asker, t)}</p>
      {message && (
        <p class={message.error ? 'alert' : 'mr-ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {problems.length === 0 && <p>{t('mine.none')}</p>}
      {problems.map((p) => (
        <ProblemCard p={p} confirm={confirm?.problemId === p.id ? confirm.form : undefined} />
      ))}
      <RequestForm form={request ?? emptyForm()} />
      <PrivacyNotice privacy={privacy} />
      <p class="rs-foot">{t('mine.foot')}</p>
    </SurveyLayout>
  );
}
