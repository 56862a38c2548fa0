import { builtInDefinition, builtInUnitSet } from '../questionnaires';
import { createCampaign } from '../server/campaigns/service';
import { migrateToLatest, openDb } from '../server/db/connect';
import { addRespondents, listLinks, type NewPerson } from '../server/invitations/service';

export const BENCH_CAMPAIGN_ID = 'bench-submit';

/** The group whose submit is the largest: P02 (24 × the district) + P05 (12 × 13 communes). */
const GROUP = 'LD_CQCM_HUYEN';

export interface Seeded {
  tokens: string[];
  addRespondentsMs: number;
  listLinksMs: number;
}

/**
 * A campaign of `people` office leaders, open since yesterday, written straight into the
 * database through the server's own functions: a link can be submitted only once, so a load
 * test needs as many links as requests, far more than the demo's 24.
 */
export async function seedBenchCampaign(
  databaseUrl: string,
  secret: string,
  people: number,
): Promise<Seeded> {
  const db = openDb(databaseUrl);
  try {
    await migrateToLatest(db);
    const now = Date.now();
    await createCampaign(db, {
      id: BENCH_CAMPAIGN_ID,
      name: 'Benchmark: submissions',
      definition: builtInDefinition(),
      unitSet: builtInUnitSet(),
      opensAt: new Date(now - 86_400_000).toISOString(),
      closesAt: new Date(now + 30 * 86_400_000).toISOString(),
    });
    const roster: NewPerson[] = Array.from({ length: people }, (_, i) => ({
      name: `Người thử ${i + 1}`,
      groupCode: GROUP,
      unitCode: 'PNV',
    }));
    let t = performance.now();
    await addRespondents(db, secret, BENCH_CAMPAIGN_ID, roster);
    const addRespondentsMs = performance.now() - t;
    t = performance.now();
    const links = await listLinks(
      db,
      { publicUrl: 'http://bench', secret },
      BENCH_CAMPAIGN_ID,
      new Map(),
    );
    const listLinksMs = performance.now() - t;
    return { tokens: links.map((l) => tokenOf(l.link)), addRespondentsMs, listLinksMs };
  } finally {
    await db.destroy();
  }
}

/** `…/s/<token>` → `<token>`. */
export function tokenOf(link: string): string {
  const at = link.lastIndexOf('/s/');
  if (at < 0) throw new Error(`Not a personal link: ${link}`);
  return link.slice(at + 3);
}
