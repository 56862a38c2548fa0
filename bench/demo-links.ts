import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { runCommand, tsxArgs } from './processes';
import { tokenOf } from './seed';

const ROOT = resolve(import.meta.dirname, '..');

/** The server's environment for a bench: its own database in `tmp`, a fresh secret, no log. */
export function serverEnv(tmp: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: join(tmp, 'bench.sqlite'),
    APP_SECRET: randomBytes(32).toString('base64url'),
    LOG_REQUESTS: '0',
  };
  delete env.PUBLIC_URL;
  delete env.SECRET_FILE;
  return env;
}

/**
 * `cli demo`, then `cli links`: real respondents' links, made as an office would make them.
 * The demo's first link and the others of its group, none opened yet: a link is claimed by its
 * first open, so the first-load measurements that open the form in a fresh browser each need one.
 */
export async function demoLinks(env: NodeJS.ProcessEnv): Promise<string[]> {
  await cli(env, ['demo']);
  const csv = await cli(env, ['links', '--campaign', 'demo-2023', '--format', 'csv']);
  const rows = [...csv.matchAll(/,([A-Z][A-Z0-9_]+),[^\n]*?(https?:\/\/\S+?\/s\/[\w-]+)/g)];
  const group = rows[0]?.[1];
  if (!group) throw new Error(`No link in the output of "cli links":\n${csv.slice(0, 500)}`);
  return rows.filter((r) => r[1] === group).map((r) => tokenOf(r[2] ?? ''));
}

async function cli(env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
  const [command, argv] = tsxArgs('server/cli.ts', args);
  const result = await runCommand(command, argv, { cwd: ROOT, env });
  if (result.code !== 0)
    throw new Error(`cli ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
}
