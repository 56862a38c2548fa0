import cluster, { type Worker } from 'node:cluster';

/**
 * Several server processes on one port (CLUSTER_WORKERS, PostgreSQL only: server/config.ts),
 * with Node's cluster: this process (the primary) has already migrated the database and made
 * the first account, then forks the workers; each worker opens its own pool and serves. The
 * primary accepts connections and hands them to the workers in turn (round robin); it holds
 * nothing else. Everything the workers must agree on is in the database (docs/operations.md,
 * "Nhiều tiến trình máy chủ"); a worker that dies is replaced after a second.
 */
export function forkWorkers(count: number, onListening: () => void): void {
  let listening = 0;
  let stopping = false;
  const fork = () => {
    const worker = cluster.fork();
    worker.once('listening', () => {
      listening++;
      if (listening === count) onListening();
    });
    worker.once('exit', (code, signal) => {
      if (stopping) return;
      console.error(
        `Tiến trình máy chủ ${worker.process.pid} đã dừng (${signal ?? `mã ${code}`}); khởi động lại sau 1 giây.`,
      );
      setTimeout(fork, 1000).unref();
    });
  };
  for (let i = 0; i < count; i++) fork();

  // SIGTERM (or Ctrl-C): every worker closes its server and its pool, then the primary exits.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
      let left = workers.length;
      if (left === 0) process.exit(0);
      for (const w of workers) {
        w.once('exit', () => {
          if (--left === 0) process.exit(0);
        });
        w.process.kill('SIGTERM');
      }
      setTimeout(() => process.exit(0), 10_000).unref();
    });
  }
}
