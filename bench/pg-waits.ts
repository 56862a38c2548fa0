import pg from 'pg';
import { sleep } from './processes';

/**
 * What PostgreSQL's client sessions were doing during a run, sampled every 50 ms from
 * `pg_stat_activity`: for each state, the mean number of sessions in it at a time. "CPU" is a
 * session running (no wait event); "Lock:advisory" one queued on an advisory lock (the tallies'
 * turn), "Lock:tuple" / "Lock:transactionid" one waiting for a row another transaction holds,
 * "IO:WALSync" / "LWLock:WALWrite" the commit's flush to disk, "Client:ClientRead" a session in a
 * transaction waiting for the server process's next statement.
 */
export interface PgWaits {
  samples: number;
  /** State → mean sessions in it per sample. */
  mean: Record<string, number>;
}

export function sampleWaits(url: string): { stop: () => Promise<PgWaits> } {
  let running = true;
  const sampled = (async (): Promise<PgWaits> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const totals = new Map<string, number>();
    let samples = 0;
    try {
      while (running) {
        const { rows } = await client.query<{ w: string; n: number }>(
          `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w, count(*)::int AS n
           FROM pg_stat_activity
           WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
             AND datname = current_database() AND state IN ('active', 'idle in transaction')
           GROUP BY 1`,
        );
        samples++;
        for (const r of rows) totals.set(r.w, (totals.get(r.w) ?? 0) + r.n);
        await sleep(50);
      }
    } finally {
      await client.end();
    }
    const mean = Object.fromEntries(
      [...totals]
        .sort((a, b) => b[1] - a[1])
        .map(([w, n]) => [w, Math.round((n / Math.max(samples, 1)) * 100) / 100]),
    );
    return { samples, mean };
  })();
  return {
    stop: async () => {
      running = false;
      return sampled;
    },
  };
}
