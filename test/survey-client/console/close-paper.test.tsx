// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  campaign,
  cell,
  click,
  dialog,
  fakeServer,
  openAt,
  signedIn,
  tracking,
  useConsoleEnv,
} from './helpers';

useConsoleEnv();

/** Issue #13.1: closing says how many paper sheets are still awaited, and that they stay welcome. */
describe('closing a campaign with paper sheets still awaited', () => {
  function serve(paperWaiting: number) {
    return fakeServer({
      ...signedIn('officer'),
      'GET /api/campaigns/c2024': {
        status: 200,
        body: { ...campaign({ phase: 'open' }), paperWaiting },
      },
      'GET /api/campaigns/c2024/tracking': {
        status: 200,
        body: tracking({ total: cell({ invited: 10, submitted: 4 }), groups: [], rows: [] }),
      },
    });
  }

  it('tells how many and until when they may be typed', async () => {
    serve(3);
    await openAt('/console/c/c2024');
    await click('Đóng đợt khảo sát');
    expect(dialog().textContent).toContain(
      'Còn 3 phiếu giấy đã nhận cuống nhưng chưa nhập phần trả lời: vẫn nhập được sau khi đóng, cho tới khi khóa kết quả chính thức.',
    );
  });

  it('says nothing of paper when none is awaited', async () => {
    serve(0);
    await openAt('/console/c/c2024');
    await click('Đóng đợt khảo sát');
    expect(dialog().textContent).not.toContain('phiếu giấy');
  });
});
