import cluster from 'node:cluster';
import { sql } from 'kysely';
import { createApp } from './app';
import { ensureFirstAdmin } from './auth/users';
import { forkWorkers } from './cluster';
import { ConfigError, loadConfig } from './config';
import { connectDb, DatabaseError, isPostgres, migrateToLatest } from './db/connect';
import { oneAtATime } from './db/one-at-a-time';
import { rewriteIfDue } from './db/rewrite';
import { maskUrl } from './db/url';
import { listen } from './listen';
import { publicUrlProblem } from './public-url';
import { sipasCleanup } from './sipas/cleanup';

// Wiring only: config → db → migrate → app → serve. With CLUSTER_WORKERS > 1 this process
// migrates, then forks that many workers (server/cluster.ts), each of which connects and serves.
const config = (() => {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
})();
const db = await connectDb(config.databaseUrl).catch((err: unknown) => {
  if (!(err instanceof DatabaseError)) throw err;
  console.error(err.message);
  process.exit(1);
});
const primary = cluster.isPrimary;
const running = (port: number) =>
  console.log(
    `cchc-survey đang chạy tại ${config.publicUrl} (cổng ${port}, CSDL ${maskUrl(config.databaseUrl)}` +
      `${config.workers > 1 ? `, ${config.workers} tiến trình` : ''})`,
  );

if (primary) {
  await migrateToLatest(db);
  const firstAdmin = await ensureFirstAdmin(db);
  if (config.workers > 1) {
    await db.destroy();
    forkWorkers(config.workers, () => running(config.port));
  } else {
    await serve();
  }
  console.log('Tạo đợt khảo sát mẫu: npm run cli -- demo');
  const urlProblem = publicUrlProblem(config.publicUrl);
  if (urlProblem) console.warn(`CẢNH BÁO: ${urlProblem}`);
  if (firstAdmin) {
    // Printed once: the password is not stored anywhere but as its scrypt hash.
    console.log(
      `Tài khoản quản trị đầu tiên: ${firstAdmin.email} / mật khẩu: ${firstAdmin.password}`,
    );
    console.log(
      'Lần đăng nhập đầu tiên sẽ yêu cầu đổi mật khẩu này (hoặc tạo tài khoản khác: npm run cli -- user add …).',
    );
  }
} else {
  await serve();
}

async function serve() {
  const app = createApp({ db, config });
  // Header and body timeouts (server/listen.ts): a slow client is cut off, not waited on.
  const { server, port } = await listen(app.fetch, {
    port: config.port,
    timeouts: { requestMs: config.requestTimeoutS * 1000 },
  });
  if (primary) running(port);

  // The WAL holds the latest writes in the order they happened until a checkpoint folds them
  // in; truncating it every minute keeps that trace of recent submits short-lived. The same tick
  // rebuilds the file in key order when a campaign has closed (also at its deadline) or, while
  // forms arrive, every minute or so (server/db/rewrite.ts). On PostgreSQL the tick rewrites the
  // anonymous rows on the same schedule (server/db/rewrite-rows.ts); its WAL is its own. Several
  // processes on one database: one of them at a time runs it (oneAtATime), and it is due only by
  // what the database says.
  const checkpoint = setInterval(() => {
    void oneAtATime(db, 'minute-tick', async (conn) => {
      // SIPAS: past hours' repeat hashes, past days' device counts and receipts, spent proofs.
      await sipasCleanup(conn).catch(() => undefined);
      await rewriteIfDue(conn);
      if (!isPostgres(conn)) await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(conn);
    }).catch(() => undefined);
  }, 60_000);
  checkpoint.unref();

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      clearInterval(checkpoint);
      server.close(() => void db.destroy().then(() => process.exit(0)));
    });
  }
}
