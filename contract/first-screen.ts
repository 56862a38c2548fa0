import type { SurveyView } from './respondent';

/**
 * The form's first screen, sent inside the page `GET /s/<token>` when a browser opens a link
 * never opened before (docs/contract.md §5): the claim is given there, this once, instead of in
 * the first `GET /api/s/<token>`, so the welcome shows without a second round trip; the form
 * then fetches the rest with the claim. Only the welcome's data: the whole questionnaire would
 * not fit the first load's 20 KB. Pure (no zod): the form imports it.
 */
export interface FirstScreen {
  campaign: SurveyView['campaign'];
  group: SurveyView['group'];
  /** The claim, as `SurveyView.claim` on a first open. */
  claim: string;
  /** The questionnaires the welcome lists. */
  questionnaires: { id: string; title: string }[];
}

/** The id of the `<script type="application/json">` element (not executed) that carries it. */
export const FIRST_SCREEN_ELEMENT = 'first-screen';
