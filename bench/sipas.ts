import { Agent } from 'node:http';
import { builtInSipasDefinition, builtInUnitSet } from '../questionnaires';
import { createCampaign } from '../server/campaigns/service';
import { migrateToLatest, openDb } from '../server/db/connect';
import { randomId } from '../server/secrets';
import { runCommand, tsxArgs } from './processes';
import { call, type Prepared, prepare } from './sipas-client';
import { percentile, waitUntilIdle } from './submit-load';

/**
 * SIPAS poster answers (issue #14): honest phones at a steady rate with the proof of work
 * verified on the server, alone and then while a stuffing attempt from this same machine runs
 * for a minute — one script keeping one session, one making a new session per answer — and how
 * many of the stuffed answers got through. The honest phones solve their proof before the
 * measured run (a phone solves it while the person answers); the scripts solve theirs in the run.
 */
export const SIPAS_POINT = 'BENCH2';

export interface SipasRun {
  label: string;
  rate: number;
  durationS: number;
  ok: number;
  refused: Record<string, number>;
  errors: number;
  achievedRps: number;
  p50: number;
  p99: number;
  max: number;
  /**
   * The server's minute tick rebuilt the database file in key order (server/db/rewrite.ts)
   * while this run was going: how long its one connection waited (every submit with it).
   */
  rewriteMs?: number;
}

export interface Stuffing {
  mode: 'one' | 'many';
  sent: number;
  byStatus: Record<string, number>;
  solveMs: number;
}

export interface SipasBench {
  bits: number;
  quiet: SipasRun;
  attacked: SipasRun;
  attackS: number;
  stuffers: Stuffing[];
  /** Read from the database after the runs: what the analyst's flags read. */
  counts: { forms: number; satisfied: number; repeats: number; busiestSlot: number; slots: number };
}

/** A SIPAS campaign open now with one collection point (one answer a device a day). */
export async function seedSipas(databaseUrl: string) {
  const db = openDb(databaseUrl);
  await migrateToLatest(db);
  const campaignId = await createCampaign(db, {
    name: 'Bench SIPAS',
    definition: builtInSipasDefinition(),
    unitSet: builtInUnitSet(),
    opensAt: new Date(Date.now() - 60_000).toISOString(),
  } as Parameters<typeof createCampaign>[1]);
  const unit = await db.selectFrom('unit').select('code').limit(1).executeTakeFirstOrThrow();
  await db
    .insertInto('collectionPoint')
    .values({
      id: randomId(),
      campaignId,
      code: SIPAS_POINT,
      name: 'Bộ phận Một cửa (bench)',
      unitCode: unit.code,
      serviceArea: null,
      opens: '00:00',
      closes: '23:59',
      weekdays: '1,2,3,4,5,6,7',
      dailyLimit: 1,
      position: 0,
      createdAt: new Date().toISOString(),
    })
    .execute();
  await db.destroy();
}

/** Honest phones, each ready: a cookie and a solved answer. */
async function prepareMany(baseUrl: string, n: number, log: (m: string) => void) {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const out: Prepared[] = [];
  const started = performance.now();
  for (let i = 0; i < n; i++) out.push(await prepare(agent, baseUrl, SIPAS_POINT));
  agent.destroy();
  log(`  ${n} honest phones ready (${((performance.now() - started) / n).toFixed(0)} ms each)`);
  return out;
}

/** Open loop: one answer every 1000/rate ms, each from its own phone, latency from when due. */
async function runPaced(
  baseUrl: string,
  databaseUrl: string,
  phones: Prepared[],
  rate: number,
  label: string,
) {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const latencies: number[] = [];
  const refused: Record<string, number> = {};
  let errors = 0;
  const start = performance.now() + 5;
  const pending = phones.map(async (phone, i) => {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((ok) => setTimeout(ok, wait));
    try {
      const res = await call(
        agent,
        `${baseUrl}/api/p/${SIPAS_POINT}/submit`,
        'POST',
        { cookie: phone.cookie },
        phone.body,
      );
      if (res.status === 201) latencies.push(performance.now() - due);
      else refused[res.status] = (refused[res.status] ?? 0) + 1;
    } catch {
      errors++;
    }
  });
  const startedAt = new Date();
  await Promise.all(pending);
  const durationS = (performance.now() - start) / 1000;
  const rewriteMs = await rewriteDuring(databaseUrl, startedAt, new Date());
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    label,
    rate,
    durationS,
    ok: latencies.length,
    refused,
    errors,
    achievedRps: phones.length / durationS,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    ...(rewriteMs === undefined ? {} : { rewriteMs }),
  };
}

/** How long the file rebuild took, if the last one began between `from` and `to`. */
async function rewriteDuring(databaseUrl: string, from: Date, to: Date) {
  const db = openDb(databaseUrl);
  try {
    const last = await db
      .selectFrom('pageRewrite')
      .select(['rewrittenAt', 'tookMs'])
      .where('id', '=', 1)
      .executeTakeFirst();
    const at = last ? new Date(last.rewrittenAt).getTime() : Number.NaN;
    return last && at >= from.getTime() - 1000 && at <= to.getTime() ? last.tookMs : undefined;
  } finally {
    await db.destroy();
  }
}

export async function measureSipas(o: {
  root: string;
  baseUrl: string;
  databaseUrl: string;
  quick: boolean;
  log: (m: string) => void;
}): Promise<SipasBench> {
  const rate = 50;
  const runS = o.quick ? 5 : 20;
  const attackS = o.quick ? 20 : 60;
  const { log, baseUrl } = o;
  log(`SIPAS: ${rate * runS} honest phones solve their proofs…`);
  // A few answers first, so that the measured run does not pay for the server's warm-up.
  await runPaced(baseUrl, o.databaseUrl, await prepareMany(baseUrl, 20, log), 10, 'warm-up');
  const quietPhones = await prepareMany(baseUrl, rate * runS, log);
  await waitUntilIdle(baseUrl);
  log(`SIPAS: honest answers at ${rate}/s for ${runS} s, alone…`);
  const quiet = await runPaced(baseUrl, o.databaseUrl, quietPhones, rate, `${rate}/s alone`);
  const attackedPhones = await prepareMany(baseUrl, rate * runS, log);
  await waitUntilIdle(baseUrl);
  log(`SIPAS: stuffing for ${attackS} s (one session, many sessions), honest run in the middle…`);
  const stuffer = (mode: 'one' | 'many') => {
    const [command, args] = tsxArgs('bench/sipas-stuffer.ts', [
      baseUrl,
      SIPAS_POINT,
      mode,
      String(attackS),
    ]);
    return runCommand(command, args, { cwd: o.root, timeoutMs: (attackS + 60) * 1000 });
  };
  const running = [stuffer('one'), stuffer('many')];
  await new Promise((ok) => setTimeout(ok, ((attackS - runS) / 2) * 1000));
  const attacked = await runPaced(
    baseUrl,
    o.databaseUrl,
    attackedPhones,
    rate,
    `${rate}/s during stuffing`,
  );
  const stuffers = (await Promise.all(running)).map((r) => {
    if (r.code !== 0) throw new Error(`stuffer failed: ${r.stderr.slice(-2000)}`);
    return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as Stuffing;
  });
  const db = openDb(o.databaseUrl);
  const hours = await db
    .selectFrom('sipasHour')
    .select((eb) => [
      eb.fn.sum<number>('forms').as('forms'),
      eb.fn.sum<number>('satisfied').as('satisfied'),
      eb.fn.sum<number>('repeats').as('repeats'),
    ])
    .executeTakeFirstOrThrow();
  const slots = await db.selectFrom('sipasSlot').select('forms').execute();
  await db.destroy();
  return {
    bits: 16,
    quiet,
    attacked,
    attackS,
    stuffers,
    counts: {
      forms: Number(hours.forms),
      satisfied: Number(hours.satisfied),
      repeats: Number(hours.repeats),
      busiestSlot: Math.max(0, ...slots.map((s) => s.forms)),
      slots: slots.length,
    },
  };
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '—');

/** The section as Markdown. */
export function sipasSection(r: SipasBench): string[] {
  const row = (x: SipasRun) =>
    `| ${x.label} | ${x.durationS.toFixed(1)} s | ${x.ok} | ${
      Object.entries(x.refused)
        .map(([k, v]) => `${v}× ${k}`)
        .join(', ') || '0'
    } | ${x.errors} | ${x.achievedRps.toFixed(1)}/s | ${ms(x.p50)} | ${ms(x.p99)} | ${ms(x.max)} | ${
      x.rewriteMs === undefined ? 'no' : `yes, ${ms(x.rewriteMs)}`
    } |`;
  const stuff = (s: Stuffing) => {
    const through = s.byStatus['201'] ?? 0;
    const solve = s.sent ? s.solveMs / s.sent : Number.NaN;
    return `| ${s.mode === 'one' ? 'one session (one cookie)' : 'many sessions (new cookie each time)'} | ${s.sent} | **${through}** | ${Object.entries(
      s.byStatus,
    )
      .filter(([k]) => k !== '201')
      .map(([k, v]) => `${v}× ${k}`)
      .join(', ')} | ${ms(solve)} |`;
  };
  return [
    '## SIPAS poster answers (issue #14)',
    '',
    `Honest phones answer one collection point (one answer a device a day) at ${r.quiet.rate}/s,` +
      ` each with its own device cookie and a proof of work of 2^${r.bits} hashes verified by the` +
      ' server (solved beforehand, as a phone solves it while the person answers); latency from' +
      ' when each answer was due (open loop). Then the same while two stuffing scripts on this' +
      ` same machine run for ${r.attackS} s against the same point, each solving its proofs with` +
      " the form's own solver on one core: one keeps its cookie, one takes a new cookie for every answer.",
    '',
    '| honest run | length | accepted | refused | errors | sent | p50 | p99 | max | file rebuilt during the run |',
    '|---|---|---|---|---|---|---|---|---|---|',
    row(r.quiet),
    row(r.attacked),
    '',
    `| stuffing for ${r.attackS} s | answers sent | got through | refused | solve per answer |`,
    '|---|---|---|---|---|',
    ...r.stuffers.map(stuff),
    '',
    `What the analyst's flags read afterwards (sipas_hour, sipas_slot; 20 warm-up answers included): ${r.counts.forms} forms,` +
      ` ${r.counts.satisfied} wholly satisfied, ${r.counts.repeats} repeats of an earlier form in` +
      ` the same hour; the busiest 10-minute slot had ${r.counts.busiestSlot} forms (the burst` +
      ' flag of the 2026 definition: 20 in 10 minutes).',
    '',
    'A run during which the server rebuilt the database file in key order (the anonymity rewrite of' +
      ' docs/anonymity.md §4: about once a minute while forms arrive, at most 1/300 of the time)' +
      ' waited for it: every answer due meanwhile queues behind that one connection, which is what' +
      ' its p99 and max show.',
  ];
}
