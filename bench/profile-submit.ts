// In-process cost of one office-leader submit (180 answers) through app.request(), no HTTP:
// `npx tsx bench/profile-submit.ts [N]`, or with `node --cpu-prof --import tsx` to profile it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtInDefinition, builtInUnitSet } from '../questionnaires';
import { createApp } from '../server/app';
import { createCampaign } from '../server/campaigns/service';
import { migrateToLatest, openDb } from '../server/db/connect';
import { addRespondents, listLinks } from '../server/invitations/service';

const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const db = openDb(join(dir, 'db.sqlite'));
await migrateToLatest(db);
const secret = 'x'.repeat(40);
const id = await createCampaign(db, {
  name: 'b',
  definition: builtInDefinition(),
  unitSet: builtInUnitSet(),
  opensAt: '2020-01-01T00:00:00Z',
});
const N = Number(process.argv[2] ?? 1500);
await addRespondents(
  db,
  secret,
  id,
  Array.from({ length: N }, (_, i) => ({
    name: `P${i}`,
    groupCode: 'LD_CQCM_HUYEN',
    unitCode: 'PNV',
  })),
);
const links = await listLinks(db, { secret, publicUrl: '' }, id, new Map());
const app = createApp({
  db,
  config: {
    secret,
    publicUrl: '',
    bodyLimit: 1 << 20,
    logRequests: false,
    trustProxy: false,
    clientDir: dir,
  },
});
const units = builtInUnitSet().units;
const communes = units.filter((u) => u.kind === 'xa' || u.kind === 'thi_tran');
const answers = [
  ...Array.from({ length: 24 }, (_, q) => ({
    questionnaireId: 'P02',
    questionId: `q${q + 1}`,
    unitCode: '694',
    option: 'ABCDE'[q % 5],
  })),
  ...Array.from({ length: 12 }, (_, q) =>
    communes.map((u, k) => ({
      questionnaireId: 'P05',
      questionId: `q${q + 1}`,
      unitCode: u.code,
      option: 'ABCDE'[(q + k) % 5],
    })),
  ).flat(),
];
const t0 = performance.now();
let i = 0;
for (const l of links) {
  const res = await app.request(`${l.link}/submit`.replace(/^.*\/s\//, '/api/s/'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ submissionId: `sub-${i++}-xxxxxxxxxxxxxxxx`, answers }),
  });
  if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
}
console.log(
  `${((performance.now() - t0) / links.length).toFixed(2)} ms per submit over ${links.length}`,
);
