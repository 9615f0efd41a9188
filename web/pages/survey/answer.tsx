import type { FormDefinition } from '../../../schema/form-definition';
import { inLang } from '../../../schema/form-definition';
import { type Privacy, PrivacyNotice } from '../../components/privacy-notice';
import { SurveyFormView } from '../../components/survey/form-view';
import { usePage } from '../../context';
import { SurveyLayout } from './layout';

type Props = {
  roundId: string;
  definition: FormDefinition;
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
  closes: string;
  privacy: Privacy;
};

/**
 * The survey itself. The round id travels in the form's action (`/s?round=…`) rather than a field, so
 * the answers are exactly the form's questions; the server refuses a post whose round is not the one
 * of the invitation in the cookie (a tab left open on another round's survey). `data-round` keys the
 * enhancement script's draft.
 */
export function SurveyPage({ roundId, definition, values, errors, closes, privacy }: Props) {
  const { t, lang } = usePage();
  return (
    <SurveyLayout title={inLang(definition.title, lang)} enhance langSwitch>
      <div data-round={roundId} data-required={t('answer.err.required')} data-next={t('survey.next')} data-back={t('survey.back')}>
        <SurveyFormView
          definition={definition}
          lang={lang}
          values={values}
          errors={errors}
          action={`/s?round=${roundId}`}
          submitLabel={t('form.submit')}
        />
      </div>
      <p class="rs-foot">{t('survey.closesAt', { to: closes })}</p>
      <PrivacyNotice privacy={privacy} />
    </SurveyLayout>
  );
}
