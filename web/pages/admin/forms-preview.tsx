import { type FormDefinition, inLang } from '../../../schema/form-definition';
import { SurveyFormView } from '../../components/survey/form-view';
import { usePage } from '../../context';
import { SurveyLayout } from '../survey/layout';

/**
 * A version exactly as a respondent with JavaScript off sees it: the respondent's own page shell (no
 * admin chrome), the same form view, a banner saying it is a preview, and a submit button that cannot
 * submit. The enhancement script is left out: it would keep a draft of the admin's test answers.
 * Without `back` it is the builder's phone frame (an iframe's document), which has nowhere to go back to.
 */
export function FormPreviewPage({ definition, back }: { definition: FormDefinition; back?: string }) {
  const { t, lang } = usePage();
  return (
    <SurveyLayout title={`${t('form.preview')} · ${inLang(definition.title, lang)}`}>
      <p class="preview-banner" role="note">
        {t('form.previewBanner')} {back && <a href={back}>{t('action.back')}</a>}
      </p>
      <SurveyFormView
        definition={definition}
        lang={lang}
        values={{}}
        errors={{}}
        action={back ?? '#'}
        submitLabel={t('form.submit')}
        disabled
      />
    </SurveyLayout>
  );
}
