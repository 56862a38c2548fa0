import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { RosterChoices } from '../../contract/console/roster';
import type { Config } from '../config';
import type { Db } from '../db/connect';
import { ApiError } from '../errors';
import { type ManualMapping, ROSTER_FIELDS, type RosterField } from './headers';
import { type ImportResult, importRoster } from './import';
import { formatProblem } from './problems';

export const ROSTER_USAGE = `roster import --campaign <id> FILE [--dry-run] [--skip-invalid]
      [--confirm 12,40] [--distinct 57] [--map name="Họ tên đầy đủ"]
      [--choose 159:unit="Phòng Y tế"] [--choose 160:group="Công chức"]
                                              nhập danh sách người trả lời từ tệp .xlsx hoặc .csv`;

/** The options of `roster import`; anything else is refused with the usage. */
export const ROSTER_OPTIONS = {
  campaign: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  'skip-invalid': { type: 'boolean', default: false },
  confirm: { type: 'string', multiple: true },
  distinct: { type: 'string', multiple: true },
  map: { type: 'string', multiple: true },
  choose: { type: 'string', multiple: true },
} as const;

class UsageError extends Error {}

/** "12,40 57" → [12, 40, 57]; anything else is a usage error. */
function rowList(values: string[] | undefined): number[] {
  const rows = (values ?? []).flatMap((v) => v.split(/[\s,;]+/)).filter(Boolean);
  for (const r of rows) if (!/^\d+$/.test(r)) throw new UsageError(`số dòng không hợp lệ: "${r}"`);
  return rows.map(Number);
}

function mappingOf(values: string[] | undefined): ManualMapping {
  const mapping: ManualMapping = {};
  for (const v of values ?? []) {
    const [field = '', ...rest] = v.split('=');
    if (!ROSTER_FIELDS.includes(field as RosterField)) {
      throw new UsageError(`--map ${v}: trường phải là một trong ${ROSTER_FIELDS.join(', ')}`);
    }
    mapping[field as RosterField] = rest.join('=') || null;
  }
  return mapping;
}

/**
 * "159:unit=Phòng Y tế" → { "159": { unit: "Phòng Y tế" } }: the unit or group picked for a row
 * whose own is unknown or unsure, as the console's preview offers it in a list.
 */
function choicesOf(values: string[] | undefined): RosterChoices {
  const choices: RosterChoices = {};
  for (const v of values ?? []) {
    const m = /^(\d{1,7}):(unit|group)=(.+)$/s.exec(v.trim());
    if (!m) {
      throw new UsageError(
        `--choose ${v}: viết <dòng>:unit=<đơn vị> hoặc <dòng>:group=<nhóm>, ví dụ --choose 159:unit="Phòng Y tế"`,
      );
    }
    const [, row = '', field = '', value = ''] = m;
    choices[row] = { ...choices[row], [field]: value.trim() };
  }
  return choices;
}

const STATUS_LINES: [keyof ImportResult['summary'], string][] = [
  ['new', 'thêm mới'],
  ['updated', 'cập nhật'],
  ['unchanged', 'không đổi'],
  ['confirm', 'chờ xác nhận'],
  ['skipped', 'bỏ qua theo lựa chọn'],
  ['invalid', 'lỗi'],
];

function report(result: ImportResult, skipInvalid: boolean): string[] {
  const s = result.summary;
  const lines = [
    `Tệp ${result.fileName}: ${s.total} người (dòng tiêu đề: dòng ${result.headerRow}).`,
    ...STATUS_LINES.filter(([k]) => s[k] > 0).map(([k, label]) => `  ${label}: ${s[k]}`),
  ];
  if (result.problems.length > 0) lines.push('', 'Các vấn đề:');
  for (const p of result.problems) lines.push(`  ${formatProblem(p)}`);
  lines.push('');
  const written = s.new + s.updated;
  if (result.dryRun) {
    lines.push(`Chạy thử (--dry-run): chưa ghi gì. Khi nhập thật sẽ ghi ${written} người.`);
  } else if (result.committed) {
    lines.push(`Đã nhập: ${s.new} người mới, ${s.updated} người cập nhật.`);
    if (skipInvalid && s.invalid + s.confirm > 0) {
      lines.push(`Chưa nhập ${s.invalid + s.confirm} dòng (xem các vấn đề ở trên).`);
    }
  } else {
    lines.push(
      'Không nhập gì: sửa các dòng lỗi (hoặc chọn đơn vị, nhóm cho dòng đó: --choose), xác nhận ' +
        'các dòng chờ (--confirm, --distinct), hoặc ' +
        'dùng --skip-invalid để chỉ nhập các dòng hợp lệ.',
    );
  }
  return lines;
}

/**
 * `roster import --campaign <id> FILE [--dry-run] [--skip-invalid]`: the contract's CLI over
 * importRoster. Prints a summary and every problem as `Dòng 158: …`. Returns 0 when the import
 * went through (or a dry run would), 1 when a row stopped it or the file could not be read.
 */
export async function rosterCommand(
  db: Db,
  config: Pick<Config, 'secret'>,
  args: string[],
): Promise<number> {
  const [action, ...rest] = args;
  try {
    if (action !== 'import') throw new UsageError(`dùng: ${ROSTER_USAGE}`);
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: ROSTER_OPTIONS,
    });
    if (!values.campaign) throw new UsageError('thiếu --campaign <id>');
    if (positionals.length !== 1) throw new UsageError(`cần đúng một tệp.\n${ROSTER_USAGE}`);
    const path = positionals[0] as string;
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch {
      throw new UsageError(`không đọc được tệp "${path}".`);
    }
    const skipInvalid = values['skip-invalid'];
    const result = await importRoster(
      db,
      config.secret,
      values.campaign,
      { name: basename(path), bytes },
      {
        dryRun: values['dry-run'],
        skipInvalid,
        confirm: rowList(values.confirm),
        distinct: rowList(values.distinct),
        mapping: mappingOf(values.map),
        choose: choicesOf(values.choose),
      },
    );
    for (const line of report(result, skipInvalid)) console.log(line);
    const blocked = result.problems.some(
      (p) => p.row === result.headerRow && p.code === 'column_unsure',
    );
    const rowsBad = result.summary.invalid + result.summary.confirm > 0;
    return blocked || (rowsBad && !skipInvalid) ? 1 : 0;
  } catch (err) {
    const parseError =
      err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS');
    if (parseError) {
      console.error(`Lỗi: tham số không hợp lệ (${err.message}).\nDùng: ${ROSTER_USAGE}`);
      return 1;
    }
    if (err instanceof ApiError || err instanceof UsageError) {
      console.error(`Lỗi: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
