import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { parseTrustProxy } from './auth/proxy';
import { isPostgresUrl, maskUrl } from './db/url';

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /**
   * A SQLite file path or `:memory:` (the default: a file, nothing to set up), or a PostgreSQL
   * server's `postgres://user:password@host:5432/database`. Any other URL is refused rather than
   * taken as a path: before, `postgres://…` silently made a SQLite file in a folder "postgres:".
   */
  DATABASE_URL: z
    .string()
    .min(1)
    .default('./data/cchc.sqlite')
    .superRefine((url, ctx) => {
      const problem = databaseUrlProblem(url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  PUBLIC_URL: z.url().optional(),
  APP_SECRET: z.string().min(32, 'APP_SECRET phải dài ít nhất 32 ký tự').optional(),
  SECRET_FILE: z.string().min(1).default('./data/app-secret'),
  /** Bytes; a respondent's submit is ~20 KB, this leaves room for long comments. */
  BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024),
  LOG_REQUESTS: z.enum(['0', '1']).default('1'),
  /**
   * Seconds a client has to send a whole request, body included (408 after). A submit is
   * ~20 KB; the largest roster upload (25 MB) needs ~3.5 Mbit/s to make it in 60 s.
   */
  REQUEST_TIMEOUT: z.coerce.number().int().min(5).max(3600).default(60),
  /**
   * The reverse proxies whose X-Forwarded-For is believed: addresses or CIDR ranges, separated
   * by commas ("127.0.0.1,::1", "10.0.0.0/8"); "1" means this machine (loopback), "0" or empty
   * none. X-Forwarded-For from any other peer is ignored.
   */
  TRUST_PROXY: z
    .string()
    .default('0')
    .transform((v, ctx) => {
      const list = parseTrustProxy(v);
      if (typeof list === 'string') {
        ctx.addIssue({ code: 'custom', message: `địa chỉ proxy không hợp lệ: "${list}"` });
        return z.NEVER;
      }
      return list;
    }),
  /**
   * Server processes sharing the port (Node's cluster: server/cluster.ts). More than one needs
   * PostgreSQL: SQLite has one writer, and a process waiting for its lock stops answering.
   */
  CLUSTER_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
});

/** Why DATABASE_URL cannot be used, in Vietnamese; undefined when it can. */
function databaseUrlProblem(url: string): string | undefined {
  if (isPostgresUrl(url)) {
    let name = '';
    try {
      name = new URL(url).pathname.replace(/^\/+/, '');
    } catch {
      return `"${maskUrl(url)}" không phải một địa chỉ PostgreSQL hợp lệ (postgres://người-dùng:mật-khẩu@máy-chủ:5432/tên-csdl).`;
    }
    if (!name)
      return `"${maskUrl(url)}" thiếu tên cơ sở dữ liệu (postgres://người-dùng:mật-khẩu@máy-chủ:5432/tên-csdl).`;
    return undefined;
  }
  if (url === ':memory:' || !/^[a-z][a-z0-9+.-]*:/i.test(url)) return undefined;
  return `"${maskUrl(url)}" không dùng được: cần đường dẫn tới một tệp SQLite (ví dụ ./data/cchc.sqlite), :memory: hoặc một máy chủ PostgreSQL (postgres://người-dùng:mật-khẩu@máy-chủ:5432/tên-csdl).`;
}

/** The environment cannot be used: printed as is, without a stack, and the start stops. */
export class ConfigError extends Error {}

export interface Config {
  port: number;
  databaseUrl: string;
  publicUrl: string;
  /** Keys the links' tokens; never stored in the database. */
  secret: string;
  bodyLimit: number;
  /** Seconds for a whole request (server/listen.ts); headers get 10 s. */
  requestTimeoutS: number;
  logRequests: boolean;
  /** The reverse proxies trusted to say the client's address (false: none). */
  trustProxy: boolean | readonly string[];
  /** Where the built client lives (form.html, assets/). */
  clientDir: string;
  /** Server processes on the port (1: this one serves; more: it forks them, server/cluster.ts). */
  workers: number;
}

/**
 * Reads the environment once. When APP_SECRET is unset the secret comes from SECRET_FILE,
 * created with 256 random bits on first start (mode 0600): a copy of the database alone must
 * not be enough to answer in someone's name.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Cấu hình không hợp lệ:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.CLUSTER_WORKERS > 1 && !isPostgresUrl(e.DATABASE_URL)) {
    throw new ConfigError(
      'Cấu hình không hợp lệ:\nCLUSTER_WORKERS: nhiều tiến trình máy chủ cần PostgreSQL ' +
        '(DATABASE_URL=postgres://…); với SQLite chỉ chạy một tiến trình (CLUSTER_WORKERS=1).',
    );
  }
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    secret: e.APP_SECRET ?? readOrCreateSecret(e.SECRET_FILE),
    bodyLimit: e.BODY_LIMIT,
    requestTimeoutS: e.REQUEST_TIMEOUT,
    logRequests: e.LOG_REQUESTS === '1',
    trustProxy: e.TRUST_PROXY.length > 0 ? e.TRUST_PROXY : false,
    clientDir: resolve(import.meta.dirname, '../dist/client'),
    workers: e.CLUSTER_WORKERS,
  };
}

function readOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}
