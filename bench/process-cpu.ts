import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks a second of /proc/<pid>/stat's times (USER_HZ: 100 on Linux). */
const TICKS = 100;

/** Each live process's parent and CPU time (user + system, ms), from /proc; empty elsewhere. */
function processes(): Map<number, { ppid: number; cpuMs: number }> {
  const out = new Map<number, { ppid: number; cpuMs: number }>();
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // After the command's name (in parentheses, which may hold spaces): state, ppid, … utime
      // and stime are the 12th and 13th fields after it.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(pid), {
        ppid: Number(f[1]),
        cpuMs: ((Number(f[11]) + Number(f[12])) * 1000) / TICKS,
      });
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/** CPU milliseconds spent so far by `root` and every live process below it. */
export function treeCpuMs(root: number): number {
  const all = processes();
  let total = 0;
  const stack = [root];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    if (seen.has(pid)) continue;
    seen.add(pid);
    total += all.get(pid)?.cpuMs ?? 0;
    for (const [child, p] of all) if (p.ppid === pid) stack.push(child);
  }
  return total;
}
