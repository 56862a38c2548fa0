// What the PostgreSQL rewrite of the anonymous rows costs (issue #12 part 3, docs/anonymity.md §4):
// a campaign of FORMS forms × a delegate's 176 answers, with comments, demographics and tallies,
// then rewritePages (the rewrite transaction and its VACUUM) three times, as the close and the
// minute ticks would. Meanwhile one submit-sized tally upsert is timed every 20 ms: what a submit
// waits for the rewrite.
//   npx tsx bench/rewrite-postgres.ts [forms] [postgres://… (else a throwaway server)]
import { sql } from 'kysely';
import pg from 'pg';
import { questionnairesFor } from '../contract/questionnaires-for';
import { builtInDefinition, builtInUnitSet } from '../questionnaires';
import { createCampaign } from '../server/campaigns/service';
import { migrateToLatest, openDb } from '../server/db/connect';
import { rewritePages } from '../server/db/rewrite';
import { withDatabase } from '../test/postgres/global-setup';
import { startPostgres } from '../test/postgres/server';

const forms = Number(process.argv[2] ?? 3000);
const server = process.argv[3] ? undefined : await startPostgres();
// A database of its own on that server, dropped at the end.
const adminUrl = process.argv[3] ?? server?.url ?? '';
const name = `bench_rewrite_${process.pid}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const db = openDb(withDatabase(adminUrl, name), { max: 4 });
try {
  await migrateToLatest(db);
  const definition = builtInDefinition();
  const unitSet = builtInUnitSet();
  const campaignId = await createCampaign(db, {
    name: 'Đo chi phí sắp xếp lại',
    definition,
    unitSet,
    opensAt: '2020-01-01T00:00:00Z',
  });
  const units = await db.selectFrom('unit').select(['code', 'name', 'kind']).execute();
  const answers = questionnairesFor(definition, 'HDND_HUYEN', units).flatMap((q) =>
    q.questions.flatMap((x) => q.units.map((u) => [q.id, x.id, u.code] as const)),
  );
  const t0 = performance.now();
  await sql`
    INSERT INTO submission
    SELECT substr(md5('s' || i), 1, 22), ${campaignId}, 'HDND_HUYEN', md5('h' || i)
    FROM generate_series(1, ${forms}) AS i`.execute(db);
  await sql`
    INSERT INTO answer
    SELECT substr(md5('s' || i), 1, 22), ${campaignId}, 'HDND_HUYEN', a.q, a.x, a.u,
      substr('ABCDE', (1 + (i * 7 + a.j) % 5)::int, 1)
    FROM generate_series(1, ${forms}) AS i,
      unnest(${answers.map((a) => a[0])}::text[], ${answers.map((a) => a[1])}::text[],
        ${answers.map((a) => a[2])}::text[]) WITH ORDINALITY AS a(q, x, u, j)`.execute(db);
  await sql`
    INSERT INTO answer_tally
    SELECT campaign_id, unit_code, questionnaire_id, question_id, group_code, option, count(*)
    FROM answer GROUP BY 1, 2, 3, 4, 5, 6`.execute(db);
  await sql`
    INSERT INTO form_tally SELECT ${campaignId}, u, 'C' || c, 'HDND_HUYEN', ${forms}
    FROM unnest(${[...new Set(answers.map((a) => a[2]))]}::text[]) AS u, generate_series(1, 8) AS c`.execute(
    db,
  );
  await sql`
    INSERT INTO demographic
    SELECT substr(md5('s' || i), 1, 22), k, 'Giá trị ' || (i % 4)
    FROM generate_series(1, ${forms}) AS i, unnest(array['gender', 'age', 'education']) AS k`.execute(
    db,
  );
  await sql`
    INSERT INTO comment (id, campaign_id, group_code, questionnaire_id, text)
    SELECT substr(md5('c' || i), 1, 22), ${campaignId}, 'HDND_HUYEN', 'P01',
      'Ý kiến góp ý số ' || i || ' về thủ tục hành chính, khá dài như người ta vẫn viết.'
    FROM generate_series(1, ${forms} / 3) AS i`.execute(db);
  await sql`VACUUM ANALYZE`.execute(db);
  const { rows } = await sql<{ n: number; bytes: string }>`
    SELECT count(*)::int AS n, pg_size_pretty(pg_total_relation_size('answer')) AS bytes
    FROM answer`.execute(db);
  console.log(
    `${forms} forms, ${rows[0]?.n} answers (answer table and indexes ${rows[0]?.bytes}); seeded in ${Math.round(performance.now() - t0)} ms`,
  );
  // A submit's tally upsert (176 cells) timed every 20 ms while the rewrites run.
  const cells = answers.map(
    (a) => sql`(${campaignId}, ${a[2]}, ${a[0]}, ${a[1]}, 'HDND_HUYEN', 'A', 0)`,
  );
  let running = true;
  const waits: number[] = [];
  const probe = (async () => {
    while (running) {
      const t = performance.now();
      await sql`
        INSERT INTO answer_tally VALUES ${sql.join(cells)}
        ON CONFLICT (campaign_id, unit_code, questionnaire_id, question_id, group_code, option, part)
        DO UPDATE SET n = answer_tally.n`.execute(db);
      waits.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  for (let round = 1; round <= 3; round++) {
    const r = await rewritePages(db);
    if (!r.rewritten) throw new Error(`rewrite failed: ${r.error}`);
    const last = await db.selectFrom('pageRewrite').select('tookMs').executeTakeFirstOrThrow();
    console.log(`rewrite ${round}: ${Math.round(r.ms)} ms (page_rewrite.took_ms ${last.tookMs})`);
  }
  running = false;
  await probe;
  waits.sort((a, b) => a - b);
  const at = (q: number) => Math.round(waits[Math.floor(q * (waits.length - 1))] ?? 0);
  console.log(
    `a submit's tally upsert meanwhile (${waits.length} probes): median ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`,
  );
} finally {
  await db.destroy();
  if (!process.env.BENCH_KEEP) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  else console.log(`kept database ${name}`);
  await admin.end();
  server?.stop();
}
