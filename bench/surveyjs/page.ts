// Browser entry of the SurveyJS comparison page (bundled by esbuild in bench/steps/page-weight.ts):
// survey-core's model with its Simplified Chinese strings, rendered by survey-js-ui (SurveyJS's
// framework-free UI package). The survey JSON is inlined at build time as SURVEY_JSON.
import { Model } from 'survey-core';
import 'survey-core/i18n/simplified-chinese';
import { renderSurvey } from 'survey-js-ui';

declare const SURVEY_JSON: object;

const root = document.getElementById('surveyElement');
if (root) renderSurvey(new Model(SURVEY_JSON), root);
