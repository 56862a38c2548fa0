import { parseArgs } from 'node:util';
import {
  NewSipasLink,
  type NewSipasRun,
  type PointDay,
  type SipasDays,
  type SipasRun,
} from '../../contract/console/sipas-analysis';
import {
  CHANNEL_LABELS,
  daysSummary,
  FLAG_LABELS,
  viDay,
  viPercent,
} from '../../contract/console/sipas-labels';
import { findCampaign } from '../campaigns/queries';
import { toCsv } from '../csv';
import type { Db } from '../db/connect';
import { vnDateTime } from '../vn-time';
import { sipasContext } from './analysis-context';
import { listPoints } from './analysis-queries';
import { daysView } from './days';
import { linkSipasRun, unlinkSipas } from './link';
import { createSipasRun, listRunsView, lockSipasRun } from './runs';

/**
 * `sipas days|run|runs|lock|link|unlink` (issue #14, docs/method.md §19): the analyst's SIPAS steps from
 * the command line, through the very functions the console's routes call (`days.ts`, `runs.ts`,
 * `link.ts`), audited `via: cli`. Tables in Vietnamese with vi-VN numbers; a day under the
 * small-group threshold shows no figure, as in the console.
 */

export const SIPAS_USAGE = `sipas days --campaign <id> [--flagged] [--format text|csv]
                                              bảng điểm thu thập × ngày: số phiếu, tỷ lệ hài lòng,
                                              dấu hiệu bất thường (--flagged: chỉ ngày có dấu hiệu)
  sipas run --campaign <id> [--without-flagged] [--exclude-day <mã điểm>:<YYYY-MM-DD>]… [--trial]
                                              tính kết quả SIPAS (đợt phải đã đóng): chính thức,
                                              hoặc thử nghiệm với --trial; in mã lần tính ở dòng cuối
  sipas runs --campaign <id>                  các lần tính SIPAS của đợt
  sipas lock --campaign <id> --run <id>       khóa lần tính chính thức để công bố
  sipas link --campaign <id đợt CCHC> --run <id> --field <mã lĩnh vực> --max <điểm>
                                              lấy điểm lĩnh vực của Chỉ số CCHC từ lần tính SIPAS
                                              đã khóa: điểm = chỉ số hài lòng × điểm tối đa
  sipas unlink --campaign <id đợt CCHC> --field <mã lĩnh vực>
                                              bỏ liên kết: lĩnh vực lại lấy điểm tự đánh giá`;

export const SIPAS_OPTIONS = {
  campaign: { type: 'string' },
  flagged: { type: 'boolean' },
  format: { type: 'string' },
  'without-flagged': { type: 'boolean' },
  'exclude-day': { type: 'string', multiple: true },
  trial: { type: 'boolean' },
  run: { type: 'string' },
  field: { type: 'string' },
  max: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof SIPAS_OPTIONS }>>['values'];

/** A mistake in the command's words: printed with «Lỗi:», exit 1, nothing done. */
export class SipasCliError extends Error {}

const number = new Intl.NumberFormat('vi-VN');
const count = (n: number) => number.format(n);

/** Columns padded to their widest cell (text left, numbers right), two spaces apart. */
export function textTable(header: string[], rows: string[][], right: readonly number[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right.includes(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function context(db: Db, id: string | undefined) {
  if (!id) throw new SipasCliError(`thiếu --campaign <id>.\nDùng: ${SIPAS_USAGE}`);
  const campaign = await findCampaign(db, id);
  if (!campaign) throw new SipasCliError(`Không tìm thấy đợt khảo sát "${id}".`);
  return { campaign, ctx: () => sipasContext(db, campaign) };
}

const DAY_HEADER = [
  'Điểm thu thập',
  'Mã điểm',
  'Đơn vị',
  'Ngày',
  'Số phiếu',
  'Hài lòng',
  `Từ ${CHANNEL_LABELS.code.toLowerCase()}`,
  CHANNEL_LABELS.paper,
  'Dấu hiệu',
];

/** The days table's rows as the console shows them: a small day says only «dưới k phiếu». */
export function dayRows(days: SipasDays, flaggedOnly: boolean): string[][] {
  const points = new Map(days.points.map((p) => [p.id, p]));
  const small = `dưới ${count(days.minCellSize)} phiếu`;
  return days.days
    .filter((d) => !flaggedOnly || d.flags.length > 0)
    .map((d) => {
      const p = points.get(d.pointId);
      const f = d.figures;
      return [
        p?.name ?? d.pointId,
        p?.code ?? '',
        p?.unitName ?? '',
        viDay(d.day),
        f ? count(f.forms) : small,
        f ? viPercent(f.satisfiedPercent) : '',
        f ? viPercent(f.codePercent) : '',
        f ? count(f.paper) : '',
        d.flags.map((flag) => FLAG_LABELS[flag]).join(', ') || '—',
      ];
    });
}

async function days(db: Db, values: Values) {
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'csv')
    throw new SipasCliError('--format phải là text hoặc csv.');
  const { ctx } = await context(db, values.campaign);
  const view = await daysView(db, await ctx());
  const rows = dayRows(view, values.flagged === true);
  if (format === 'csv') {
    const record = (r: string[]) => Object.fromEntries(DAY_HEADER.map((h, i) => [h, r[i]]));
    process.stdout.write(toCsv(DAY_HEADER, rows.map(record)));
    return;
  }
  const flagged = view.days.filter((d) => d.flags.length > 0).length;
  console.log(
    `${daysSummary(view)} ${count(flagged)} dòng có dấu hiệu bất thường. Ngày dưới ${count(view.minCellSize)} phiếu không hiện số liệu.${view.closed ? '' : ' Tỷ lệ hài lòng chỉ hiện sau khi đóng đợt.'}`,
  );
  console.log(rows.length === 0 ? 'Không có ngày nào.' : textTable(DAY_HEADER, rows, [4, 5, 6, 7]));
}

/** `<mã điểm>:<YYYY-MM-DD>` → the point × day the run leaves out (a point by its poster code). */
export function readExcludedDays(
  words: readonly string[],
  points: readonly { id: string; code: string }[],
): PointDay[] {
  return words.map((word) => {
    const m = /^(.+):(\d{4}-\d{2}-\d{2})$/.exec(word.trim());
    if (!m)
      throw new SipasCliError(
        `--exclude-day "${word}" phải có dạng <mã điểm>:<YYYY-MM-DD>, ví dụ ABC234:2026-03-02.`,
      );
    const [, code = '', day = ''] = m;
    const point = points.find((p) => p.code.toUpperCase() === code.toUpperCase() || p.id === code);
    if (!point)
      throw new SipasCliError(
        `Không có điểm thu thập mã "${code}" trong đợt (xem cột «Mã điểm» của sipas days).`,
      );
    return { pointId: point.id, day };
  });
}

const UNIT_HEADER = [
  'Đơn vị',
  'Số phiếu',
  CHANNEL_LABELS.poster,
  CHANNEL_LABELS.code,
  CHANNEL_LABELS.paper,
  'Chỉ số hài lòng',
];

/** A run's units: withheld ones say «dưới k phiếu», a merged channel split «gộp». */
export function unitRows(run: SipasRun): string[][] {
  const small = `dưới ${count(run.method.minCellSize)} phiếu`;
  const channel = (n: number | null) => (n === null ? 'gộp' : count(n));
  return run.units.map((u) =>
    u.withheld || !u.forms
      ? [u.unitName, small, '', '', '', '']
      : [
          u.unitName,
          count(u.forms.total),
          channel(u.forms.poster),
          channel(u.forms.code),
          channel(u.forms.paper),
          viPercent(u.percent),
        ],
  );
}

async function run(db: Db, values: Values) {
  const { campaign, ctx } = await context(db, values.campaign);
  const context_ = await ctx();
  const excludeDays = values['exclude-day']?.length
    ? readExcludedDays(values['exclude-day'], await listPoints(db, campaign.id))
    : [];
  const request: NewSipasRun = {
    ...(values['without-flagged'] ? { excludeFlagged: true } : {}),
    ...(excludeDays.length > 0 ? { excludeDays } : {}),
    ...(values.trial ? { trial: true } : {}),
  };
  const made = await createSipasRun(db, context_, request, 'cli');
  console.log(made.method.text);
  console.log(textTable(UNIT_HEADER, unitRows(made), [1, 2, 3, 4, 5]));
  console.error(
    made.official
      ? `Lần tính chính thức ${made.id}: khóa để công bố bằng «npm run cli -- sipas lock --campaign ${campaign.id} --run ${made.id}».`
      : `Lần tính thử nghiệm ${made.id}: chỉ để xem, không khóa được.`,
  );
  console.log(made.id);
}

async function runs(db: Db, values: Values) {
  const { ctx } = await context(db, values.campaign);
  const list = await listRunsView(db, await ctx());
  if (list.runs.length === 0) {
    console.log('Chưa có lần tính SIPAS nào.');
    return;
  }
  const rows = list.runs.map((r) => [
    r.id,
    vnDateTime(r.createdAt),
    r.official ? 'chính thức' : 'thử nghiệm',
    count(r.forms),
    count(r.excludedDays),
    // A trial is never locked: «chưa khóa» would promise it could be.
    r.lockedAt
      ? 'đã khóa'
      : !r.current
        ? 'số liệu đã đổi'
        : r.official
          ? 'chưa khóa'
          : 'chỉ để xem (không khóa được)',
  ]);
  console.log(
    textTable(['Lần tính', 'Lúc', 'Loại', 'Số phiếu', 'Ngày bỏ', 'Trạng thái'], rows, [3, 4]),
  );
}

async function lock(db: Db, values: Values) {
  const { ctx } = await context(db, values.campaign);
  if (!values.run) throw new SipasCliError(`thiếu --run <id>.\nDùng: ${SIPAS_USAGE}`);
  const locked = await lockSipasRun(db, await ctx(), values.run, 'cli');
  console.log(`Đã khóa lần tính SIPAS ${locked.id} để công bố.`);
}

async function link(db: Db, values: Values) {
  const { campaign } = await context(db, values.campaign);
  const parsed = NewSipasLink.safeParse({
    runId: values.run,
    fieldCode: values.field,
    maxPoints: values.max?.replace(',', '.'),
  });
  if (!parsed.success)
    throw new SipasCliError(
      `cần --run <id>, --field <mã lĩnh vực> và --max <điểm> (số, ví dụ 10 hoặc 2,5).\nDùng: ${SIPAS_USAGE}`,
    );
  const made = await linkSipasRun(db, campaign, parsed.data, 'cli');
  console.log(
    `Lĩnh vực ${made.fieldCode} của đợt ${made.parCampaignId} lấy điểm từ lần tính SIPAS ${made.sipasRunId} (đợt ${made.sipasCampaignId}), điểm tối đa ${made.maxPoints.replace('.', ',')}: các lần tính Chỉ số CCHC từ nay dùng điểm này.`,
  );
}

async function unlink(db: Db, values: Values) {
  const { campaign } = await context(db, values.campaign);
  const field = values.field?.trim();
  if (!field) throw new SipasCliError(`thiếu --field <mã lĩnh vực>.\nDùng: ${SIPAS_USAGE}`);
  await unlinkSipas(db, campaign, field, 'cli');
  console.log(
    `Lĩnh vực ${field} của đợt ${campaign.id} không còn lấy điểm từ SIPAS: lại lấy điểm tự đánh giá. Hãy chạy lại lần tính Chỉ số CCHC tổng.`,
  );
}

const ACTIONS: Record<string, (db: Db, values: Values) => Promise<void>> = {
  days,
  run,
  runs,
  lock,
  link,
  unlink,
};

/** `sipas <action> …`; returns the exit code (a refusal is thrown, printed by runCli). */
export async function sipasCommand(db: Db, args: string[]): Promise<number> {
  const [action = '', ...rest] = args;
  const { values } = parseArgs({ args: rest, options: SIPAS_OPTIONS, strict: true });
  const act = ACTIONS[action];
  if (!act) throw new SipasCliError(`Dùng: ${SIPAS_USAGE}`);
  await act(db, values);
  return 0;
}
