// The peer of survey-client/form for the benchmark: the same questionnaire, rendered by SurveyJS
// (survey-core + survey-js-ui) as its "Get started" for HTML/JavaScript shows, in Vietnamese,
// with its default theme. Like our form, it fetches the questionnaire from /api/s/<token> once
// the script runs; the server hands out the SurveyJS JSON made by bench/peer/to-surveyjs.ts.
import 'survey-core/survey-core.fontless.min.css';
import './fonts.css';
import 'survey-core/i18n/vietnamese';
import { Model } from 'survey-core';
import { renderSurvey } from 'survey-js-ui';

const root = document.getElementById('app') as HTMLElement;
const token = /^\/s\/([^/]+)\/?$/.exec(location.pathname)?.[1] ?? '';

fetch(`/api/s/${token}`, { cache: 'no-store' })
  .then((res) => (res.ok ? res.json() : Promise.reject(new Error(`HTTP ${res.status}`))))
  .then((json: object) => {
    const survey = new Model(json);
    root.textContent = '';
    renderSurvey(survey, root);
  })
  .catch((err: unknown) => {
    root.textContent = `Không tải được phiếu: ${String(err)}`;
  });
