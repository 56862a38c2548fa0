import { SIPAS_FIRST_SCREEN_ELEMENT, type SipasFirstScreen } from '../../contract/sipas-view';

/** The first screen the page carries (server/sipas/page.ts), taken out of the document. */
export function takeFirstScreen(): SipasFirstScreen | null {
  const element = document.getElementById(SIPAS_FIRST_SCREEN_ELEMENT);
  if (!element) return null;
  element.remove();
  try {
    const data = JSON.parse(element.textContent ?? '') as Partial<SipasFirstScreen> | null;
    return typeof data?.point?.code === 'string' && typeof data.campaign?.name === 'string'
      ? (data as SipasFirstScreen)
      : null;
  } catch {
    return null;
  }
}
