// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { builtInDefinition } from '../../../../questionnaires';
import {
  campaign,
  click,
  fakeServer,
  invitationPage,
  openAt,
  settle,
  signedIn,
  useConsoleEnv,
} from '../helpers';

useConsoleEnv();

const NASTY = `<script>alert("x")</script> Nguyễn "Văn" O'Brien <img src=x onerror=alert(1)>`;
const noMarkup = () => {
  expect(document.querySelectorAll('main script, main img')).toHaveLength(0);
  expect(document.body.innerHTML).toContain('&lt;script&gt;');
};

describe('what others typed is shown as text on the new screens', () => {
  it('accounts and the audit log', async () => {
    fakeServer({
      ...signedIn('admin'),
      'GET /api/users': {
        status: 200,
        body: [
          {
            id: 'u9',
            email: 'x@y.vn',
            name: NASTY,
            role: 'officer',
            createdAt: '2024-11-01T00:00:00.000Z',
            disabled: false,
          },
        ],
      },
      'GET /api/campaigns': { status: 200, body: [campaign({ name: NASTY })] },
      'GET /api/audit': {
        status: 200,
        body: [
          {
            id: 1,
            at: '2024-11-01T00:00:00.000Z',
            userId: 'u9',
            userEmail: NASTY,
            action: NASTY,
            campaignId: 'c2024',
            target: NASTY,
            details: JSON.stringify({ name: NASTY }),
            ip: null,
          },
        ],
      },
    });
    await openAt('/console/admin/users');
    expect(screen.getByRole('row', { name: /^<script>/ })).toBeTruthy();
    noMarkup();
    await openAt('/console/admin/audit');
    expect(screen.getAllByText(NASTY).length).toBeGreaterThanOrEqual(3);
    noMarkup();
  });

  it('a stub owner and the definition', async () => {
    const definition = builtInDefinition();
    const q = definition.questionnaires[0]?.questions[0];
    if (q) q.text = NASTY;
    fakeServer({
      ...signedIn('officer'),
      'GET /api/campaigns/c2024': { status: 200, body: campaign() },
      'GET /api/campaigns/c2024/invitations': { status: 200, body: invitationPage([]) },
      'GET /api/campaigns/c2024/definition': { status: 200, body: { editable: false, definition } },
      'POST /api/campaigns/c2024/paper/stubs': {
        status: 200,
        body: {
          id: 'i',
          name: NASTY,
          group: NASTY,
          unit: NASTY,
          status: 'submitted',
          receipt: 'x',
        },
      },
    });
    await openAt('/console/c/c2024/paper');
    await click('Nhận cuống phiếu');
    fireEvent.input(screen.getByLabelText('Mã phiếu giấy (trên cuống phiếu)'), {
      target: { value: 'K7QM4X2P' },
    });
    await click('Nhận cuống phiếu', screen.getByRole('region', { name: 'Nhận cuống phiếu' }));
    expect(screen.getByRole('status').textContent).toContain(NASTY);
    noMarkup();
    await click('Nhập phiếu giấy');
    fireEvent.click(screen.getByRole('radio', { name: /^Phiếu số 01/ }));
    await settle();
    expect(screen.getByText(NASTY)).toBeTruthy();
    noMarkup();
    await openAt('/console/c/c2024/definition');
    expect(screen.getAllByText(NASTY).length).toBeGreaterThanOrEqual(1);
    noMarkup();
  });
});
