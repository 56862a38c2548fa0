import { parseArgs } from 'node:util';
import { CopyError, copyDatabase } from './copy';
import { maskUrl } from './url';

export const DB_USAGE = `db copy --to <postgres://…> [--from <tệp SQLite>]
                                              chép cơ sở dữ liệu SQLite (mặc định DATABASE_URL)
                                              sang một cơ sở dữ liệu PostgreSQL trống, rồi kiểm tra`;
export const DB_OPTIONS = { to: { type: 'string' }, from: { type: 'string' } } as const;

const vi = (n: number) => n.toLocaleString('vi-VN');

/**
 * `npm run cli -- db copy --to URL [--from FILE]`: prints in Vietnamese; the exit code. The
 * source is DATABASE_URL unless --from says otherwise; it is only read.
 */
export async function dbCommand(databaseUrl: string, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: DB_OPTIONS, allowPositionals: true });
  if (positionals[0] !== 'copy' || !values.to) {
    console.error(`Lỗi: cần "db copy --to <địa chỉ PostgreSQL>".\nDùng: ${DB_USAGE}`);
    return 1;
  }
  const from = values.from ?? databaseUrl;
  try {
    const r = await copyDatabase(from, values.to);
    console.log(`Đã chép ${from} sang ${maskUrl(values.to)}.`);
    const width = Math.max(...r.tables.map((t) => t.table.length), 4);
    console.log(`${'Bảng'.padEnd(width)}  ${'Số dòng'.padStart(10)}`);
    for (const t of r.tables) console.log(`${t.table.padEnd(width)}  ${vi(t.rows).padStart(10)}`);
    for (const c of r.campaigns)
      console.log(
        `Đợt ${c.campaignId}: ${vi(c.submissions)} phiếu, dấu vân tay ${c.fingerprint.slice(0, 12)}…, ` +
          `bảng đếm ${vi(c.answerTally)} câu trả lời và ${vi(c.formTally)} lượt tiêu chí, ` +
          `${vi(c.runs)} lượt tính điểm: khớp.`,
      );
    console.log(
      `Đã sao chép và kiểm tra: khớp (${(r.ms / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} giây).`,
    );
    console.log(
      'Tiếp theo: đặt DATABASE_URL bằng địa chỉ PostgreSQL này rồi khởi động máy chủ (xem README, «Chuyển sang PostgreSQL»).',
    );
    return 0;
  } catch (err) {
    if (err instanceof CopyError) console.error(`Lỗi: ${err.message}`);
    else
      console.error(
        `Lỗi: không sao chép được (${err instanceof Error ? err.message : String(err)}). ` +
          'Mọi dòng đã chép được hoàn tác: cơ sở dữ liệu đích vẫn trống.',
      );
    return 1;
  }
}
