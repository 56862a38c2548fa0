import { fireEvent, screen, within } from '@testing-library/preact';
import type { ResultsDocument, RunSummary } from '../../../../survey-client/console/results/types';
import type { Phase, Role } from '../../../../survey-client/console/types';
import { campaign, cell, fakeServer, settle, signedIn, tracking } from '../helpers';
import {
  comparison,
  definition,
  distributions,
  noSelfAssessment,
  resultsDoc,
  runList,
  runSummary,
} from './fixtures';

/** A stand-in server for the results screens, and what a test does and reads on them. */

export const counts = tracking({
  total: cell({ groupName: 'Tổng cộng', invited: 40, submitted: 18, rate: 45 }),
  rows: [
    cell({ invited: 10, submitted: 8, rate: 80 }),
    cell({
      groupCode: 'LD_UBND_XA',
      groupName: 'Lãnh đạo UBND các xã, thị trấn',
      unitCode: 'X-ANPHU',
      unitName: 'UBND xã An Phú',
      invited: 30,
      submitted: 10,
      rate: 33.3,
    }),
  ],
});

export function serve(
  role: Role = 'analyst',
  phase: Phase = 'closed',
  runs: RunSummary[] = [runSummary()],
  docs: ResultsDocument[] = [resultsDoc()],
) {
  const server = fakeServer({
    ...signedIn(role),
    'GET /api/campaigns/c2024': { status: 200, body: campaign({ phase }) },
    'GET /api/campaigns/c2024/tracking': { status: 200, body: counts },
    'GET /api/campaigns/c2024/definition': { status: 200, body: { editable: false, definition } },
    'GET /api/campaigns/c2024/runs': { status: 200, body: runList(runs) },
    'GET /api/campaigns': { status: 200, body: [] },
    'GET /api/campaigns/c2024/self-assessment': { status: 200, body: noSelfAssessment },
  });
  for (const doc of docs) {
    const id = doc.method.runId;
    server.on(`GET /api/campaigns/c2024/runs/${id}`, { status: 200, body: doc });
    server.on(`GET /api/campaigns/c2024/runs/${id}/compare-options`, {
      status: 200,
      body: { choices: [], defaultId: null },
    });
    server.on(`GET /api/campaigns/c2024/runs/${id}/distributions`, {
      status: 200,
      body: distributions(id),
    });
    server.on(`GET /api/campaigns/c2024/runs/${id}/compare`, {
      status: 200,
      body: comparison({ current: { ...comparison().current, runId: id } }),
    });
  }
  return server;
}

export const section = (name: string | RegExp) =>
  screen.getByRole('heading', { name }).closest('section') as HTMLElement;
/** Picks an option of a <select>, as a person would. */
export async function choose(select: HTMLElement, value: string) {
  fireEvent.change(select, { target: { value } });
  await settle();
}
/** Unfolds a folded part of the unit detail by its heading. */
export async function open(scope: HTMLElement, title: string) {
  const summary = within(scope).getByRole('heading', { name: title }).closest('summary');
  if (!summary) throw new Error(`${title} is not folded`);
  fireEvent.click(summary);
  await settle();
}
export const tabs = () =>
  within(screen.getByRole('navigation', { name: 'Các mục của đợt khảo sát' }))
    .getAllByRole('link')
    .map((a) => a.textContent);
export const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.trim()));
