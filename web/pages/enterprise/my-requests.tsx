// 我的诉求 (issue 16): the enterprise's own page, reached through its personal link. Server-rendered in the
// respondent's shell (inline stylesheet, no script: the survey's ≤ 14 KB budget, DESIGN §8), phone first.
// It shows who is asking, the enterprise's own problems with the unit's name only and the notes marked
// for it, a confirmation form on each 已办结 problem not yet confirmed, and the form to raise a request.
import { FOLLOW_UPS, PROBLEM_CATEGORIES } from '../../../schema/memo-tables';
import { type Asker, askerText } from '../../components/asker';
import { emptyForm, type FormState, SelectField, TextAreaField, TextField } from '../../components/fields';
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

function ConfirmForm({ p, form }: { p: MyProblem; form: FormState }) {
  const { t } = usePage();
  return (
    <form method="post" action={`/e/problems/${p.id}/confirm`} class="mr-form">
      <fieldset>
        <legend>{t('mine.confirm')}</legend>
        {FOLLOW_UPS.map((f) => (
          <label class="mr-opt">
            <input type="radio" name="outcome" value={f} required checked={form.values.outcome === f} /> {t(followUpKey(f))}
          </label>
        ))}
        {form.errors.outcome && <small class="error">{form.errors.outcome}</small>}
      </fieldset>
      <TextAreaField
        idPrefix={`${p.code}-`}
        name="reason"
        label={t('mine.reason')}
        hint={t('mine.confirmHint')}
        form={form}
        maxLength={500}
        rows={2}
      />
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
        {row(t('problem.raisedOn'), p.raisedOn)}
        {row(t('mine.unit'), p.unit ?? t('problem.status.pending'))}
        {row(t('problem.deadline'), p.deadline)}
        {row(t('problem.status'), t(statusKey(p.status)))}
        {p.notes.length > 0 && (
          <>
            <dt>{t('problem.progress')}</dt>
            {p.notes.map((n) => (
              <dd>{n.note}</dd>
            ))}
          </>
        )}
        {p.resolution && row(t('problem.resolution'), p.resolution)}
        {p.unresolvableReason && row(t('problem.unresolvableReason'), p.unresolvableReason)}
        {p.followUp && row(t('problem.followUp'), `${t(followUpKey(p.followUp))}（${t(`mine.by.${p.followUpBy ?? 'officer'}`)}）`)}
      </dl>
      {p.status === 'closed' && !p.followUp && <ConfirmForm p={p} form={confirm ?? emptyForm()} />}
    </article>
  );
}

function RequestForm({ form }: { form: FormState }) {
  const { t } = usePage();
  const categories = PROBLEM_CATEGORIES.map((c) => ({ value: c, label: t(categoryKey(c)) }));
  return (
    <form method="post" action="/e" class="rs-notice mr-form" id="raise">
      <h2>{t('mine.raise')}</h2>
      <p class="rs-foot">{t('mine.raiseHint')}</p>
      <SelectField name="category" label={t('problem.category')} form={form} required blank={t('mine.pickCategory')} options={categories} />
      <TextAreaField name="description" label={t('mine.description')} form={form} required maxLength={1000} rows={4} />
      <TextField name="contact" label={t('mine.contact')} form={form} maxLength={100} />
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
      <p>{enterprise}</p>
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
