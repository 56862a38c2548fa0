import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * Child processes of the benchmark (vite, the CLI, the server). Every one is tracked so that a
 * crash or Ctrl-C never leaves a server holding a port or a file in the temp dir.
 */
const children = new Set<ChildProcess>();

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (killed after `timeoutMs`), capturing its output. */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = track(
      spawn(command, args, {
        cwd: options.cwd,
        env: options.env ?? process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * `node --import tsx FILE`: the same as `npx tsx FILE`, minus the npx and tsx wrapper
 * processes, so the pid we hold is the server itself and a SIGTERM reaches it directly.
 */
export function tsxArgs(file: string, args: string[] = []): [string, string[]] {
  return [process.execPath, ['--import', 'tsx', file, ...args]];
}

export interface RunningServer {
  baseUrl: string;
  /** What the server wrote to stderr (its last 4,000 characters): errors it logged. */
  stderrTail(): string;
  /** What it wrote to stdout and stderr together (the last 4,000 characters). */
  outputTail(): string;
  /** How the server ended ("code 1", "signal SIGKILL"), or null while it runs. */
  exitStatus(): string | null;
  /** The server's process id (with CLUSTER_WORKERS, the primary: its workers are its children). */
  pid: number;
  stop(): Promise<void>;
}

/** Starts the real server (or `file`, another server) and waits until `/api/health` answers. */
export async function startServer(
  cwd: string,
  env: NodeJS.ProcessEnv,
  file = 'server/main.ts',
): Promise<RunningServer> {
  const [command, args] = tsxArgs(file);
  const child = track(spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  let output = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    output = (output + d.toString('utf8')).slice(-4000);
  });
  child.stderr?.on('data', (d: Buffer) => {
    output = (output + d.toString('utf8')).slice(-4000);
    stderr = (stderr + d.toString('utf8')).slice(-4000);
  });
  let exit: string | null = null;
  child.on('exit', (code, signal) => {
    exit = signal ? `signal ${signal}` : `code ${code}`;
  });
  const baseUrl = `http://127.0.0.1:${env.PORT}`;
  await waitForHealth(baseUrl, child, () => output);
  return {
    baseUrl,
    stderrTail: () => stderr,
    outputTail: () => output,
    exitStatus: () => exit,
    pid: child.pid ?? 0,
    stop: () => stopChild(child),
  };
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The server exited (code ${child.exitCode}) before answering:\n${output()}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`The server did not answer /api/health within 30 s:\n${output()}`);
}

/** SIGTERM (the server closes its database cleanly), SIGKILL if it lingers. */
function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Stops every child still running. */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...children].map((c) => stopChild(c)));
}

/** Last resort on process exit, where nothing can be awaited. */
export function killAllChildrenNow(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
