import { createApp } from '../server/app';
import { addUser } from '../server/auth/users';
import { migrateToLatest, openDb } from '../server/db/connect';
import {
  closeProvince,
  createProvince,
  PROVINCE_CAMPAIGN_ID,
  submitProvinceForms,
} from './province-fixture';

/** One timing, in ms: the median of `runs` runs after one untimed warm-up run. */
export interface ConsoleTiming {
  median: number;
  min: number;
  max: number;
  runs: number;
  bytes: number;
}

export interface ProvinceConsoleResult {
  invitations: number;
  forms: number;
  seedMs: number;
  /** GET /api/campaigns/:id/tracking as an officer and as an analyst (small cells merged). */
  trackingOfficer: ConsoleTiming;
  trackingAnalyst: ConsoleTiming;
  /** POST …/runs: one official scoring run (timed once). */
  scoringRunMs: number;
  /** GET …/runs/:run and …/runs/:run/distributions: what the results page loads. */
  runDocument: ConsoleTiming;
  distributions: ConsoleTiming;
  /** GET …/runs/:run/export.xlsx, all indexes and one (?index=XA). */
  xlsxAll: ConsoleTiming;
  xlsxOneIndex: ConsoleTiming;
}

const SECRET = 'bench-secret-bench-secret-bench-secret-0123';

/**
 * The console's answers on a province-sized campaign (issue #11 point 5), through
 * `app.request` (the whole pipeline: session, roles, JSON), in one in-memory database:
 * ~4,500 invitations and `forms` forms, the tracking read while it is open, then closed and
 * scored, and the results page's reads of the run.
 */
export async function measureProvinceConsole(
  { forms = 3000, runs = 5 } = {},
  log: (m: string) => void = () => {},
): Promise<ProvinceConsoleResult> {
  const db = openDb(':memory:');
  try {
    await migrateToLatest(db);
    const app = createApp({
      db,
      config: {
        secret: SECRET,
        publicUrl: 'http://bench',
        bodyLimit: 256 * 1024,
        logRequests: false,
        trustProxy: false,
        clientDir: '/nonexistent',
      },
    });
    let t = performance.now();
    const { definition, invitations } = await createProvince(db, SECRET);
    log(`province: ${invitations} invitations; submitting ${forms} forms…`);
    const stored = await submitProvinceForms(db, definition, forms);
    const seedMs = performance.now() - t;
    const officer = await session(app, db, 'officer');
    const analyst = await session(app, db, 'analyst');
    const api = `/api/campaigns/${PROVINCE_CAMPAIGN_ID}`;
    const trackingOfficer = await time(() => officer(`${api}/tracking`), runs);
    const trackingAnalyst = await time(() => analyst(`${api}/tracking`), runs);
    await closeProvince(db);
    t = performance.now();
    const created = await analyst(`${api}/runs`, { method: 'POST' });
    const scoringRunMs = performance.now() - t;
    if (created.status !== 201) throw new Error(`scoring run: ${created.status}`);
    const runId = ((await created.json()) as { method: { runId: string } }).method.runId;
    const run = `${api}/runs/${runId}`;
    return {
      invitations,
      forms: stored,
      seedMs,
      trackingOfficer,
      trackingAnalyst,
      scoringRunMs,
      runDocument: await time(() => analyst(run), runs),
      distributions: await time(() => analyst(`${run}/distributions`), runs),
      xlsxAll: await time(() => analyst(`${run}/export.xlsx`), Math.min(runs, 3)),
      xlsxOneIndex: await time(() => analyst(`${run}/export.xlsx?index=XA`), Math.min(runs, 3)),
    };
  } finally {
    await db.destroy();
  }
}

type App = ReturnType<typeof createApp>;
type Db = ReturnType<typeof openDb>;

/** A signed-in account of `role`: a request function with its cookie and CSRF token. */
async function session(app: App, db: Db, role: 'officer' | 'analyst') {
  const email = `${role}@bench.vn`;
  const password = 'mật-khẩu-bench-dài';
  await addUser(db, { email, password, role, name: role });
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login ${role}: ${res.status}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return async (path: string, init: RequestInit = {}) =>
    app.request(path, {
      ...init,
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken },
    });
}

async function time(call: () => Promise<Response>, runs: number): Promise<ConsoleTiming> {
  const warm = await call();
  if (warm.status !== 200) throw new Error(`${warm.status}: ${await warm.text()}`);
  const bytes = (await warm.arrayBuffer()).byteLength;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const res = await call();
    await res.arrayBuffer();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    median: round(ms[Math.floor(ms.length / 2)] ?? 0),
    min: round(ms[0] ?? 0),
    max: round(ms[ms.length - 1] ?? 0),
    runs,
    bytes,
  };
}

// `npx tsx bench/province-track.ts`: prints the figures as JSON.
if (import.meta.url === `file://${process.argv[1]}`) {
  measureProvinceConsole({}, (m) => console.error(m)).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
