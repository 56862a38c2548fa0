import {
  refusalScreen,
  SIPAS_FIRST_SCREEN_ELEMENT,
  type SipasFirstScreen,
} from '../../contract/sipas';
import { campaignPhase } from '../campaigns/phase';
import type { Db } from '../db/connect';
import {
  CODE_USED_MESSAGE,
  findPublicPoint,
  findSipasCode,
  printedCode,
  UNKNOWN_CODE_MESSAGE,
} from './answer-queries';
import { firstScreenOf } from './answer-view';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The welcome drawn into the page (the markup of survey-client/sipas/welcome.tsx), so the first
 * paint needs no round trip: the unit, the point, what the form is for, how long it takes, that
 * it is anonymous — or, known already, only why it cannot be answered (contract `refusalScreen`).
 */
export function welcomeHtml(first: SipasFirstScreen): string {
  const e = escapeHtml;
  const { point, refusal } = first;
  const kicker = `<p class="kicker">${e(point.unitName)} · ${e(point.name)}</p>`;
  const code = first.code ? `<p>Mã phiếu: <b class="code">${e(first.code)}</b></p>` : '';
  if (refusal) {
    const { title, text } = refusalScreen(refusal);
    return (
      `<main>${kicker}<h1 id="screen-title" tabindex="-1">${e(title)}</h1>` +
      `<p role="status">${e(text)}</p>${code}</main>`
    );
  }
  return (
    '<main>' +
    kicker +
    '<h1 id="screen-title" tabindex="-1">Ý kiến của Ông/Bà giúp cải thiện dịch vụ</h1>' +
    `<p>${e(first.campaign.name)}</p>` +
    `<p>Phiếu gồm các câu hỏi ngắn, mất khoảng <b>${first.minutes} phút</b>.</p>` +
    '<p class="promise"><b>Phiếu không ghi họ tên.</b> Không lưu địa chỉ mạng hay thông tin về ' +
    'thiết bị cùng câu trả lời: không ai, kể cả cơ quan, biết Ông/Bà đã trả lời thế nào.</p>' +
    code +
    '<div class="nav"><button type="button" class="primary">Bắt đầu</button></div>' +
    '</main>'
  );
}

const APP_ROOT = /<div id="app">[\s\S]*?<\/main>\s*<\/div>/;

/** The page with its first screen drawn in `#app` and as data for the script (never run). */
export function withSipasScreen(html: string, first: SipasFirstScreen | null, notice?: string) {
  if (!html.includes('</head>') || !APP_ROOT.test(html)) return html;
  if (!first) {
    const main = `<main><h1 id="screen-title">Không mở được phiếu</h1><p>${escapeHtml(notice ?? '')}</p></main>`;
    return html.replace(APP_ROOT, () => `<div id="app">${main}</div>`);
  }
  const data = JSON.stringify(first)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
  const island = `<script type="application/json" id="${SIPAS_FIRST_SCREEN_ELEMENT}">${data}</script>`;
  return html
    .replace('</head>', () => `${island}</head>`)
    .replace(APP_ROOT, () => `<div id="app">${welcomeHtml(first)}</div>`);
}

const PHASE_REFUSALS = {
  not_open: { code: 'not_open', message: 'Đợt lấy ý kiến chưa bắt đầu. Xin Ông/Bà quay lại sau.' },
  closed: { code: 'closed', message: 'Đợt lấy ý kiến đã kết thúc. Cảm ơn Ông/Bà đã quan tâm.' },
} as const;

export interface SipasPage {
  status: 200 | 403 | 404 | 409 | 410;
  first: SipasFirstScreen | null;
  notice?: string;
}

/** `/p/<point code>` (a poster) or `/c/<one-time code>`: the first screen, or why not. */
export async function sipasPage(
  db: Db,
  secret: string,
  via: { point: string } | { code: string },
  now: Date,
): Promise<SipasPage> {
  let pointCode: string;
  let code: string | undefined;
  let used = false;
  if ('code' in via) {
    const row = await findSipasCode(db, secret, via.code);
    if (!row) return { status: 404, first: null, notice: UNKNOWN_CODE_MESSAGE };
    pointCode = row.pointCode;
    code = printedCode(via.code);
    used = row.used !== 0;
  } else pointCode = via.point;
  const found = await findPublicPoint(db, pointCode);
  if (!found)
    return {
      status: 404,
      first: null,
      notice: 'Không tìm thấy điểm lấy ý kiến này. Xin kiểm tra lại địa chỉ in trên tờ hướng dẫn.',
    };
  const first = firstScreenOf(found, code);
  const phase = campaignPhase(found.campaign, now);
  if (phase !== 'open')
    return {
      status: phase === 'closed' ? 410 : 403,
      first: { ...first, refusal: PHASE_REFUSALS[phase] },
    };
  if (used)
    return {
      status: 409,
      first: { ...first, refusal: { code: 'code_used', message: CODE_USED_MESSAGE } },
    };
  return { status: 200, first };
}
