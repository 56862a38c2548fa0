// @vitest-environment happy-dom
import { screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import {
  campaign,
  cell,
  fakeServer,
  invitation,
  invitationPage,
  openAt,
  signedIn,
  tracking,
  useConsoleEnv,
} from './helpers';

useConsoleEnv();

const NASTY = `<script>alert("x")</script> Nguyễn "Văn" O'Brien <img src=x onerror=alert(1)>`;
const LONG_UNIT = `UBND xã ${'Tân Hưng Phước An Minh Đức '.repeat(8)}`.slice(0, 200);

describe('nothing an officer types can break a page', () => {
  it('renders names with <script>, tags and quotes as text, everywhere', async () => {
    fakeServer({
      ...signedIn('officer'),
      'GET /api/campaigns/c2024': {
        status: 200,
        body: campaign({ name: NASTY, contactName: NASTY }),
      },
      'GET /api/campaigns/c2024/invitations': {
        status: 200,
        body: invitationPage([invitation({ name: NASTY, unit: LONG_UNIT, position: NASTY })]),
      },
    });
    await openAt('/console/c/c2024/invitations');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(NASTY);
    expect(screen.getByRole('row', { name: /^<script>/ }).textContent).toContain(NASTY);
    expect(screen.getByText(LONG_UNIT)).toBeTruthy();
    expect(document.querySelectorAll('#app script, main script, main img')).toHaveLength(0);
    expect(document.body.innerHTML).toContain('&lt;script&gt;');
  });

  it('tracking names too', async () => {
    fakeServer({
      ...signedIn('analyst'),
      'GET /api/campaigns/c2024': { status: 200, body: campaign() },
      'GET /api/campaigns/c2024/tracking': {
        status: 200,
        body: tracking({
          total: cell({ invited: 1 }),
          groups: [cell({ groupName: NASTY, invited: 1 })],
          rows: [cell({ groupName: NASTY, unitCode: 'U', unitName: NASTY, invited: 1 })],
        }),
      },
    });
    await openAt('/console/c/c2024');
    expect(screen.getAllByText(NASTY).length).toBeGreaterThanOrEqual(3);
    expect(document.querySelectorAll('main script, main img')).toHaveLength(0);
  });
});
