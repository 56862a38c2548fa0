import { normaliseResumeCode, resumeCodeOf } from '../contract/resume-code';
import { builtInDefinition, builtInUnitSet } from '../questionnaires';
import { createCampaign } from '../server/campaigns/service';
import { migrateToLatest, openDb } from '../server/db/connect';
import { addRespondents, listLinks, type NewPerson } from '../server/invitations/service';
import { claimHash, newClaim, resumeHash } from '../server/secrets';
import type { BenchLink } from './submit-load';

export const BENCH_CAMPAIGN_ID = 'bench-submit';

/** The group whose submit is the largest: P02 (24 × the district) + P05 (12 × 13 communes). */
const GROUP = 'LD_CQCM_HUYEN';

export interface Seeded {
  /** The first one not opened yet (the run opens it through the API); the others claimed. */
  links: BenchLink[];
  claimMs: number;
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
    // Every link but the first as its first open leaves it (claimed, 'opened'), written here:
    // that GET happens minutes before a submit, is not part of it, and 20,000 of them would
    // lengthen the run. Submits then pay the claim check (two HMACs), as respondents' do.
    t = performance.now();
    const claimed: BenchLink[] = [];
    await db.transaction().execute(async (trx) => {
      for (const [i, l] of links.entries()) {
        const token = tokenOf(l.link);
        if (i === 0) {
          claimed.push({ token, claim: null });
          continue;
        }
        const claim = newClaim();
        const code = normaliseResumeCode(resumeCodeOf(claim)) ?? '';
        await trx
          .updateTable('invitation')
          .set({
            claimHash: claimHash(secret, l.id, claim),
            resumeHash: resumeHash(secret, l.id, code),
            status: 'opened',
            openedAt: new Date(now).toISOString(),
          })
          .where('id', '=', l.id)
          .execute();
        claimed.push({ token, claim });
      }
    });
    const claimMs = performance.now() - t;
    return { links: claimed, addRespondentsMs, listLinksMs, claimMs };
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
