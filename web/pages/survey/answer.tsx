import type { FormDefinition } from '../../../schema/form-definition';
import { inLang } from '../../../schema/form-definition';
import { type Asker, askerText } from '../../components/asker';
import { type Privacy, PrivacyNotice } from '../../components/privacy-notice';
import { SurveyFormView } from '../../components/survey/form-view';
import { usePage } from '../../context';
import { SurveyLayout } from './layout';

type Props = {
  roundId: string;
  definition: FormDefinition;
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
  asker: Asker;
  privacy: Privacy;
};

/**
 * The survey itself. The round id travels in the form's action (`/s?round=…`) rather than a field, so
 * the answers are exactly the form's questions; the server refuses a post whose round is not the one
 * of the invitation in the cookie (a tab left open on another round's survey). `data-round` keys the
 * enhancement script's draft. Who is asking comes first (issue 17): the office, its help line, the close.
 */
export function SurveyPage({ roundId, definition, values, errors, asker, privacy }: Props) {
  const { t, lang } = usePage();
  return (
    <SurveyLayout title={inLang(definition.title, lang)} enhance langSwitch>
      <p class="rs-foot">{askerText(asker, t)}</p>
      <div
        data-round={roundId}
        data-required={t('answer.err.required')}
        data-next={t('survey.next')}
        data-back={t('survey.back')}
        data-progress={t('survey.progress')}
      >
        <SurveyFormView
          definition={definition}
          lang={lang}
          values={values}
          errors={errors}
          action={`/s?round=${roundId}`}
          submitLabel={t('form.submit')}
        />
      </div>
      <PrivacyNotice privacy={privacy} />
    </SurveyLayout>
  );
}
