import { FIRST_SCREEN_ELEMENT, type FirstScreen } from '../../contract/first-screen';
import { CLAIM_FORMAT } from '../../contract/resume-code';

/**
 * The first screen the page of a link never opened brought (server/respondent/first-screen.ts),
 * taken out of the page: the claim must not stay in the document. Null when the page has none
 * (a link opened before: the form asks the API) or what it has is not a first screen.
 */
export function takeFirstScreen(): FirstScreen | null {
  const element = document.getElementById(FIRST_SCREEN_ELEMENT);
  if (!element) return null;
  element.remove();
  try {
    const data = JSON.parse(element.textContent ?? '') as Partial<FirstScreen> | null;
    const ok =
      typeof data?.claim === 'string' &&
      CLAIM_FORMAT.test(data.claim) &&
      typeof data.campaign?.name === 'string' &&
      typeof data.group?.name === 'string' &&
      Array.isArray(data.questionnaires);
    return ok ? (data as FirstScreen) : null;
  } catch {
    return null;
  }
}
