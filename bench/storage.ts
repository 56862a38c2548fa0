// Storage: what durability and anonymity of the file cost (issue #9, points 2, 10, 11).
// Part of `npm run bench`; alone, small: `npx tsx bench/storage.ts [submits] [answers…]`.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { UnitRef } from '../analysis/types';
import { builtInDefinition, builtInUnitSet } from '../questionnaires';
import { backupDatabase } from '../server/db/backup';
import { DURABLE_SYNCHRONOUS, migrateToLatest, openDb } from '../server/db/connect';
import { rewritePages } from '../server/db/rewrite';
import { type InProcessSubmit, measureInProcessSubmit } from './profile-submit';
import { newCampaign, seedAnswers } from './scoring';

export interface SynchronousRun {
  synchronous: 'NORMAL' | 'FULL';
  round: number;
  result: InProcessSubmit;
}

export interface RewriteSize {
  answers: number;
  forms: number;
  fileBytes: number;
  /** VACUUM then the TRUNCATE checkpoint: the server's one connection waits this long. */
  rewriteMs: number;
  checkpointed: boolean;
  /** `npm run cli -- backup` of the same file (VACUUM INTO, integrity_check, fsync). */
  backupMs: number;
  backupBytes: number;
}

export interface StorageResult {
  product: string;
  sync: SynchronousRun[];
  rewrite: RewriteSize[];
}

/**
 * In-process submits with synchronous=NORMAL and =FULL side by side, in alternating rounds (the
 * machine's other work drifts: alternating spreads it over both), each on a fresh file database;
 * then, per size, a campaign's answers seeded and the file rebuilt as a close does, and backed up.
 */
export async function measureStorage(
  dir: string,
  options: { warmup: number; submits: number; rounds: number; answers: number[] },
  log: (m: string) => void,
): Promise<StorageResult> {
  const sync: SynchronousRun[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    for (const synchronous of ['NORMAL', 'FULL'] as const) {
      log(`storage: ${options.submits} submits with synchronous=${synchronous} (round ${round})…`);
      const file = `sync-${synchronous}-${round}.sqlite`;
      const result = await measureInProcessSubmit(dir, { ...options, synchronous, file });
      sync.push({ synchronous, round, result });
      for (const suffix of ['', '-wal', '-shm'])
        rmSync(join(dir, `${file}${suffix}`), { force: true });
    }
  }
  const rewrite: RewriteSize[] = [];
  const definition = builtInDefinition();
  const unitSet = builtInUnitSet();
  const units: UnitRef[] = unitSet.units.map((u) => ({
    code: u.code,
    name: u.name.normalize('NFC'),
    kind: u.kind,
  }));
  for (const target of options.answers) {
    const path = join(dir, `rewrite-${target}.sqlite`);
    log(`storage: seeding ${target.toLocaleString('en-US')} answers, then rewriting the file…`);
    let db = openDb(path);
    let campaignId: string;
    try {
      await migrateToLatest(db);
      campaignId = await newCampaign(db, definition, unitSet);
    } finally {
      await db.destroy();
    }
    const seeded = seedAnswers(path, campaignId, definition, units, target);
    db = openDb(path);
    let r: Awaited<ReturnType<typeof rewritePages>>;
    try {
      r = await rewritePages(db);
    } finally {
      await db.destroy();
    }
    if (!r.rewritten) throw new Error(`rewrite failed: ${r.error}`);
    const backupPath = join(dir, `backup-${target}.sqlite`);
    const b = backupDatabase(path, backupPath);
    rewrite.push({
      answers: seeded.answers,
      forms: seeded.forms,
      fileBytes: statSync(path).size,
      rewriteMs: r.ms,
      checkpointed: r.checkpointed,
      backupMs: b.ms,
      backupBytes: b.bytes,
    });
    for (const f of [path, `${path}-wal`, `${path}-shm`, backupPath]) rmSync(f, { force: true });
  }
  return { product: DURABLE_SYNCHRONOUS, sync, rewrite };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = mkdtempSync(join(tmpdir(), 'storage-'));
  try {
    const submits = Number(process.argv[2] ?? 300);
    const answers = process.argv.slice(3).map(Number);
    const r = await measureStorage(
      dir,
      { warmup: 50, submits, rounds: 2, answers: answers.length ? answers : [10_000] },
      (m) => console.error(m),
    );
    const { storageSection } = await import('./report');
    console.log(storageSection(r).join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
