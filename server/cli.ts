import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { END_NOT_AHEAD } from '../contract/console/campaign-words';
import { audit } from './audit/log';
import { addUser, findUserByEmail, ROLE_NAMES, resetPassword } from './auth/users';
import { campaignPhase } from './campaigns/phase';
import { findCampaign, findDefinition } from './campaigns/queries';
import { setCampaignOpen } from './campaigns/service';
import { type Config, ConfigError, loadConfig } from './config';
import { toCsv } from './csv';
import { BACKUP_USAGE, backupCommand } from './db/backup';
import { connectDb, DatabaseError, type Db, migrateToLatest } from './db/connect';
import { DB_OPTIONS, DB_USAGE, dbCommand } from './db/copy-cli';
import type { Role } from './db/schema';
import { createDemo } from './demo/demo';
import { createProvinceDemo } from './demo/province';
import { createSipasDemo } from './demo/sipas';
import { ApiError, isDiskFull } from './errors';
import { qrPng, qrSvg } from './invitations/qr';
import { listLinks } from './invitations/service';
import { ORG_OPTIONS, ORG_USAGE, orgCommand } from './organisations/cli';
import { findOrganisation } from './organisations/queries';
import { publicUrlProblem } from './public-url';
import { RESULTS_OPTIONS, RESULTS_USAGE, resultsCommand } from './results/cli';
import { viDateTime } from './results/export/format';
import { ROSTER_OPTIONS, ROSTER_USAGE, rosterCommand } from './roster/cli';
import { SIPAS_OPTIONS, SIPAS_USAGE, SipasCliError, sipasCommand } from './sipas/cli';

const DEMO_USAGE = `demo [--province | --sipas]                 tạo đợt khảo sát mẫu Hớn Quản 2023, hoặc với
                                              --province đợt cấp tỉnh 2026 của tỉnh Đồng Nai,
                                              --sipas đợt khảo sát sự hài lòng (SIPAS) 2026 của
                                              tỉnh Đồng Nai với 3 điểm thu thập
                                              (chạy lại không tạo thêm)`;
const LINKS_USAGE = `links --campaign <id> --format csv|xlsx [--out FILE] [--qr DIR]
                                              danh sách đường dẫn cá nhân (và mã QR nếu có --qr)`;
const CAMPAIGN_USAGE = `campaign open|close --campaign <id> [--until "YYYY-MM-DD HH:MM"]
                                              mở hoặc đóng đợt khảo sát ngay bây giờ; khi mở
                                              (hoặc mở lại), --until đặt luôn thời điểm kết
                                              thúc (giờ Việt Nam)`;
const USER_USAGE = `user add --email <e> --password <p> --role admin|officer|analyst [--name <tên>]
      [--org <id>]                            tạo tài khoản (trong tổ chức --org, mặc định
                                              tổ chức gốc)
  user reset-password --email <e>             đặt lại mật khẩu: in mật khẩu dùng một lần; người
                                              dùng phải đổi mật khẩu khi đăng nhập`;

const USAGE = `Cách dùng: npm run cli -- <lệnh>
  ${DEMO_USAGE}
  ${LINKS_USAGE}
  ${CAMPAIGN_USAGE}
  ${USER_USAGE}
  ${ORG_USAGE}
  ${ROSTER_USAGE}
  ${RESULTS_USAGE}
  ${SIPAS_USAGE}
  ${BACKUP_USAGE}
  ${DB_USAGE}`;

const LINKS_OPTIONS = {
  campaign: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  qr: { type: 'string' },
} as const;
const CAMPAIGN_OPTIONS = { campaign: { type: 'string' }, until: { type: 'string' } } as const;
const USER_OPTIONS = {
  email: { type: 'string' },
  password: { type: 'string' },
  role: { type: 'string' },
  name: { type: 'string' },
  org: { type: 'string' },
} as const;

/**
 * Every command with its usage, its options and how many words may come before them (the action
 * of `campaign open`, `user add`, `roster import`) or after (the file of `roster import`).
 */
const COMMANDS: Record<
  string,
  { usage: string; options: NonNullable<ParseArgsConfig['options']>; positionals: number }
> = {
  demo: {
    usage: DEMO_USAGE,
    options: { province: { type: 'boolean' }, sipas: { type: 'boolean' } },
    positionals: 0,
  },
  links: { usage: LINKS_USAGE, options: LINKS_OPTIONS, positionals: 0 },
  campaign: { usage: CAMPAIGN_USAGE, options: CAMPAIGN_OPTIONS, positionals: 1 },
  user: { usage: USER_USAGE, options: USER_OPTIONS, positionals: 1 },
  org: { usage: ORG_USAGE, options: ORG_OPTIONS, positionals: 1 },
  roster: { usage: ROSTER_USAGE, options: ROSTER_OPTIONS, positionals: 2 },
  results: { usage: RESULTS_USAGE, options: RESULTS_OPTIONS, positionals: 0 },
  sipas: { usage: SIPAS_USAGE, options: SIPAS_OPTIONS, positionals: 1 },
  backup: { usage: BACKUP_USAGE, options: { overwrite: { type: 'boolean' } }, positionals: 1 },
  db: { usage: DB_USAGE, options: DB_OPTIONS, positionals: 1 },
};

class CliError extends Error {}

/**
 * Checks a command's words before anything is opened or written: an option it does not know, a
 * value missing, a word too many, and the command stops with its usage (exit 1), having done
 * nothing.
 */
function checkArgs(command: string, args: string[]): void {
  const spec = COMMANDS[command];
  if (!spec) throw new CliError(`Lệnh không xác định: "${command}".\n${USAGE}`);
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({
      args,
      options: spec.options,
      strict: true,
      allowPositionals: spec.positionals > 0,
    }));
  } catch (err) {
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
      throw new CliError(`tham số không hợp lệ (${parseProblem(err)}).\nDùng: ${spec.usage}`);
    throw err;
  }
  if (positionals.length > spec.positionals)
    throw new CliError(
      `thừa tham số: ${positionals.slice(spec.positionals).join(' ')}.\nDùng: ${spec.usage}`,
    );
}

/** node:util's parseArgs speaks English: what went wrong, said in Vietnamese. */
function parseProblem(err: TypeError & { code?: unknown }): string {
  const option = /'(-[^']*)'/.exec(err.message)?.[1];
  const named = option ? ` "${option.replace(/^(--?[^=\s,]+).*$/, '$1')}"` : '';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `không có tùy chọn${named}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `tùy chọn${named} cần một giá trị, hoặc không nhận giá trị`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return 'lệnh này không nhận thêm từ nào';
    default:
      return 'không đọc được các tham số';
  }
}

async function requireCampaign(db: Db, id: string | undefined) {
  if (!id) throw new CliError('Thiếu --campaign <id>.');
  const campaign = await findCampaign(db, id);
  if (!campaign) throw new CliError(`Không tìm thấy đợt khảo sát "${id}".`);
  return campaign;
}

async function links(db: Db, config: Config, args: string[]) {
  const { values } = parseArgs({ args, options: LINKS_OPTIONS, strict: true });
  const urlProblem = publicUrlProblem(config.publicUrl);
  if (urlProblem) console.error(`Cảnh báo: ${urlProblem}`);
  const campaign = await requireCampaign(db, values.campaign);
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'xlsx') throw new CliError('--format phải là csv hoặc xlsx.');
  if (format === 'xlsx' && !values.out) throw new CliError('Định dạng xlsx cần --out FILE.');
  const definition = await findDefinition(db, campaign.definitionId);
  const groups = new Map(definition?.groups.map((g) => [g.code, g.name]));
  const rows: Record<string, string>[] = (await listLinks(db, config, campaign.id, groups)).map(
    (r) => ({ ...r }),
  );
  const columns = ['id', 'name', 'group', 'group_code', 'unit', 'status', 'link'];
  if (values.qr) {
    mkdirSync(values.qr, { recursive: true });
    for (const row of rows) {
      const link = row.link ?? '';
      writeFileSync(join(values.qr, `${row.id}.png`), await qrPng(link));
      writeFileSync(join(values.qr, `${row.id}.svg`), await qrSvg(link));
      row.qr_file = `${row.id}.png`;
    }
    columns.push('qr_file');
  }
  if (format === 'csv') {
    const csv = toCsv(columns, rows);
    if (values.out) writeFileSync(values.out, csv);
    else process.stdout.write(csv);
  } else {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Đường dẫn');
    sheet.columns = columns.map((key) => ({ header: key, key, width: key === 'link' ? 60 : 24 }));
    sheet.addRows(rows);
    sheet.getRow(1).font = { bold: true };
    await book.xlsx.writeFile(values.out as string);
  }
  if (values.out) console.error(`Đã ghi ${rows.length} đường dẫn vào ${values.out}.`);
}

async function campaignCommand(db: Db, args: string[]) {
  const [action, ...rest] = args;
  const { values } = parseArgs({ args: rest, options: CAMPAIGN_OPTIONS, strict: true });
  if (action !== 'open' && action !== 'close') throw new CliError(`Dùng: ${CAMPAIGN_USAGE}`);
  if (action === 'close' && values.until !== undefined)
    throw new CliError('--until chỉ dùng khi mở (campaign open): đóng là đóng ngay bây giờ.');
  const closesAt = values.until === undefined ? undefined : readUntil(values.until);
  const campaign = await requireCampaign(db, values.campaign);
  const reopen = action === 'open' && campaignPhase(campaign) === 'closed';
  await setCampaignOpen(db, campaign.id, action === 'open', new Date(), closesAt);
  // Audited as from the console: reopening lets before/after results be compared.
  await audit(db, {
    action: reopen ? 'campaign_reopen' : `campaign_${action}`,
    campaignId: campaign.id,
    details: closesAt ? { closesAt, via: 'cli' } : { via: 'cli' },
  });
  console.log(
    action === 'close'
      ? `Đã đóng đợt khảo sát ${campaign.id}.`
      : closesAt
        ? `Đã mở đợt khảo sát ${campaign.id}, kết thúc lúc ${viDateTime(closesAt)}.`
        : `Đã mở đợt khảo sát ${campaign.id}.`,
  );
}

/** `--until "2027-01-15 17:00"` (Vietnam time, or ISO 8601 with its offset), in the future. */
function readUntil(text: string): string {
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})$/.exec(text.trim());
  const iso = local ? `${local[1]}T${local[2]}:00+07:00` : text.trim();
  const t = /(Z|[+-]\d{2}:\d{2})$/.test(iso) ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(t))
    throw new CliError(
      `--until "${text}" không đọc được: viết theo giờ Việt Nam, dạng "2027-01-15 17:00".`,
    );
  if (t <= Date.now()) throw new CliError(END_NOT_AHEAD);
  return new Date(t).toISOString();
}

async function userCommand(db: Db, args: string[]) {
  const [action, ...rest] = args;
  if (action !== 'add' && action !== 'reset-password')
    throw new CliError(
      'Dùng: user add --email <e> --password <p> --role admin|officer|analyst, hoặc user reset-password --email <e>.',
    );
  const { values } = parseArgs({ args: rest, options: USER_OPTIONS, strict: true });
  if (action === 'reset-password') {
    if (!values.email) throw new CliError('Cần --email của tài khoản.');
    const user = await findUserByEmail(db, values.email);
    if (!user) throw new CliError(`Không có tài khoản ${values.email.trim().toLowerCase()}.`);
    const password = await resetPassword(db, user.id);
    await audit(db, { action: 'password_reset', target: user.email, details: { via: 'cli' } });
    console.log(
      `Đã đặt lại mật khẩu của ${user.email}; mọi phiên đăng nhập của tài khoản đã kết thúc.`,
    );
    console.log('Mật khẩu dùng một lần (chỉ hiện lần này; khi đăng nhập phải đổi mật khẩu mới):');
    console.log(password);
    return;
  }
  if (!values.email || !values.password || !values.role)
    throw new CliError('Cần đủ --email, --password và --role.');
  const org = values.org ? await findOrganisation(db, values.org) : undefined;
  if (values.org && !org) throw new CliError(`Không có tổ chức mã "${values.org}".`);
  const user = await addUser(db, {
    email: values.email,
    password: values.password,
    role: values.role as Role,
    ...(values.name ? { name: values.name } : {}),
    ...(org ? { organisationId: org.id } : {}),
  });
  await audit(db, {
    action: 'user_added',
    target: user.email,
    details: { role: user.role, via: 'cli' },
    organisationId: user.organisationId,
  });
  const where = org ? `, tổ chức "${org.name}"` : '';
  console.log(`Đã tạo tài khoản ${user.email} (${ROLE_NAMES[user.role]}${where}).`);
}

export async function runCli(argv: string[], env = process.env): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  try {
    checkArgs(command, args);
  } catch (err) {
    console.error(`Lỗi: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`Lỗi: ${err.message}`);
    return 1;
  }
  // Before openDb: a backup neither creates nor migrates the database it copies.
  if (command === 'backup') return backupCommand(config.databaseUrl, args);
  // Nor does a copy: it only reads its source, and migrates its target itself.
  if (command === 'db') return dbCommand(config.databaseUrl, args);
  let db: Db;
  try {
    db = await connectDb(config.databaseUrl);
  } catch (err) {
    if (!(err instanceof DatabaseError)) throw err;
    console.error(`Lỗi: ${err.message}`);
    return 1;
  }
  try {
    await migrateToLatest(db);
    if (command === 'demo' && args.includes('--sipas')) {
      const { campaignId, created, points } = await createSipasDemo(db, config.publicUrl);
      console.log(
        created
          ? 'Đã tạo đợt khảo sát sự hài lòng (SIPAS) mẫu với 3 điểm thu thập.'
          : 'Đợt khảo sát SIPAS mẫu đã có sẵn; không tạo thêm.',
      );
      for (const p of points) console.log(`${p.name}: ${p.url}`);
      console.log('In áp phích, tạo mã dùng một lần: bảng điều khiển, mục «Điểm thu thập».');
      console.log(campaignId);
    } else if (command === 'demo') {
      const province = args.includes('--province');
      const { campaignId, created } = province
        ? await createProvinceDemo(db, config.secret)
        : await createDemo(db, config.secret);
      console.log(
        created ? 'Đã tạo đợt khảo sát mẫu.' : 'Đợt khảo sát mẫu đã có sẵn; không tạo thêm.',
      );
      console.log(`Xem đường dẫn: npm run cli -- links --campaign ${campaignId} --format csv`);
      console.log(campaignId);
    } else if (command === 'links') {
      await links(db, config, args);
    } else if (command === 'campaign') {
      await campaignCommand(db, args);
    } else if (command === 'user') {
      await userCommand(db, args);
    } else if (command === 'org') {
      return await orgCommand(db, args);
    } else if (command === 'roster') {
      return await rosterCommand(db, config, args);
    } else if (command === 'results') {
      return await resultsCommand(db, config, args);
    } else if (command === 'sipas') {
      return await sipasCommand(db, args);
    }
    return 0;
  } catch (err) {
    if (err instanceof CliError || err instanceof SipasCliError || err instanceof ApiError)
      console.error(`Lỗi: ${err.message}`);
    else if (isDiskFull(err))
      console.error('Lỗi: đĩa đầy, không ghi được vào cơ sở dữ liệu; chưa có gì thay đổi.');
    else if (
      err instanceof TypeError &&
      'code' in err &&
      String(err.code).startsWith('ERR_PARSE_ARGS')
    ) {
      console.error(`Lỗi: tham số không hợp lệ (${err.message}).\n${USAGE}`);
    } else console.error(`Lỗi: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await db.destroy();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runCli(process.argv.slice(2));
}
