import { sql } from 'kysely';
import { createApp } from './app';
import { ensureFirstAdmin } from './auth/users';
import { ConfigError, loadConfig } from './config';
import { connectDb, DatabaseError, isPostgres, migrateToLatest } from './db/connect';
import { rewriteIfDue } from './db/rewrite';
import { maskUrl } from './db/url';
import { listen } from './listen';
import { publicUrlProblem } from './public-url';
import { sipasCleanup } from './sipas/cleanup';

// Wiring only: config → db → migrate → app → serve.
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
await migrateToLatest(db);
const firstAdmin = await ensureFirstAdmin(db);
const app = createApp({ db, config });

// Header and body timeouts (server/listen.ts): a slow client is cut off, not waited on.
const { server, port } = await listen(app.fetch, {
  port: config.port,
  timeouts: { requestMs: config.requestTimeoutS * 1000 },
});
console.log(
  `cchc-survey đang chạy tại ${config.publicUrl} (cổng ${port}, CSDL ${maskUrl(config.databaseUrl)})`,
);
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

// The WAL holds the latest writes in the order they happened until a checkpoint folds them
// in; truncating it every minute keeps that trace of recent submits short-lived. The same tick
// rebuilds the file in key order when a campaign has closed (also at its deadline) or, while
// forms arrive, every minute or so (server/db/rewrite.ts). SQLite only: PostgreSQL's WAL and
// its row order are its own (issue #12 part 3).
const checkpoint = setInterval(() => {
  // SIPAS: past hours' repeat hashes, past days' device counts and receipts, spent proofs.
  void sipasCleanup(db).catch(() => undefined);
  if (isPostgres(db)) return;
  void rewriteIfDue(db)
    .then(() => sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db))
    .catch(() => undefined);
}, 60_000);
checkpoint.unref();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    clearInterval(checkpoint);
    server.close(() => void db.destroy().then(() => process.exit(0)));
  });
}
