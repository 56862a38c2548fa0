import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

const AXE = resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');

/** One rule axe found broken on a page, with the elements it found it on. */
export interface Finding {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  targets: { selector: string; summary: string }[];
}

/** What fails the check: the impacts WCAG failures are given (contrast, names, roles…). */
export const BLOCKING = ['serious', 'critical'];

/**
 * Runs axe-core on the page as it is now (every rule of WCAG 2.0–2.2 A/AA and axe's best
 * practices). The form's page forbids inline scripts (CSP), so its contexts are made with
 * `bypassCSP` (see {@link a11yContext}) for axe's script tag to run.
 */
export async function axeFindings(page: Page): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.map((n) => ({
        selector: n.target.map(String).join(' » '),
        summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
      })),
    }));
  });
}

/** The findings as lines a person can act on: rule, impact, help, then each element and why. */
export function describeFindings(where: string, findings: Finding[]): string {
  if (!findings.length) return `${where}: no violations`;
  const lines = findings.flatMap((f) => [
    `[${f.impact}] ${f.id}: ${f.help} (${f.helpUrl})`,
    ...f.targets.slice(0, 8).map((t) => `    ${t.selector} — ${t.summary}`),
    ...(f.targets.length > 8 ? [`    … and ${f.targets.length - 8} more`] : []),
  ]);
  return `${where}: ${findings.length} axe violation(s)\n${lines.join('\n')}`;
}

/** A browser context for axe: the form's CSP lets axe's script tag run; Vietnamese. */
export function a11yContext(
  browser: Browser,
  kind: 'phone' | 'laptop',
  extra: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  const size =
    kind === 'phone'
      ? { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true }
      : { viewport: { width: 1280, height: 800 } };
  return browser.newContext({ ...size, locale: 'vi-VN', bypassCSP: true, ...extra });
}

/**
 * Picks option `pick(n)` (0 = the first tile) of question n in every question on the form's
 * screen, for every unit of a matrix, in one round trip: a click on each tile's label, as a tap
 * would, for the tests whose subject is what the screens look like, not how they are answered.
 */
export function answerInPage(page: Page, pick: 'cycle' | 'first' = 'cycle'): Promise<number> {
  return page.evaluate((pick) => {
    const questions = [...document.querySelectorAll('fieldset.q')].filter((q) =>
      /^Câu \d+\./.test(q.querySelector('legend')?.textContent ?? ''),
    );
    for (const q of questions) {
      const n = Number(/\d+/.exec(q.querySelector('legend')?.textContent ?? '')?.[0]);
      const units = [...q.querySelectorAll('fieldset.unit')];
      for (const t of units.length ? units : [q]) {
        const tiles = t.querySelectorAll<HTMLLabelElement>('label.tile');
        tiles[pick === 'first' ? 0 : n % 4]?.click();
      }
    }
    return questions.length;
  }, pick);
}
