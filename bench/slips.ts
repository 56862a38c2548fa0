import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { builtInDefinition, builtInUnitSet } from '../questionnaires';
import { addUser } from '../server/auth/users';
import { createCampaign } from '../server/campaigns/service';
import { migrateToLatest, openDb } from '../server/db/connect';
import { qrSvg } from '../server/invitations/qr';
import { addRespondents, type NewPerson } from '../server/invitations/service';
import { workplaceUnits } from '../server/roster/match';
import { fetchResource } from './first-load';

export const SLIPS_CAMPAIGN_ID = 'bench-slips';

export interface Officer {
  email: string;
  password: string;
}

/**
 * A campaign of `people` invitations over every group and workplace unit, and an officer
 * account to print them, written into the database before the server opens it.
 */
export async function seedSlipsCampaign(
  databaseUrl: string,
  secret: string,
  people: number,
): Promise<Officer> {
  const db = openDb(databaseUrl);
  try {
    await migrateToLatest(db);
    const now = Date.now();
    const definition = builtInDefinition();
    const unitSet = builtInUnitSet();
    await createCampaign(db, {
      id: SLIPS_CAMPAIGN_ID,
      name: 'Benchmark: phiếu mời QR',
      definition,
      unitSet,
      opensAt: new Date(now - 86_400_000).toISOString(),
      closesAt: new Date(now + 30 * 86_400_000).toISOString(),
    });
    const units = workplaceUnits(unitSet.units);
    const roster: NewPerson[] = Array.from({ length: people }, (_, i) => ({
      name: `Nguyễn Văn Thử ${i + 1}`,
      groupCode: definition.groups[i % definition.groups.length]?.code ?? '',
      unitCode: units[i % units.length]?.code ?? null,
      position: 'Chuyên viên',
    }));
    await addRespondents(db, secret, SLIPS_CAMPAIGN_ID, roster);
    const officer = { email: 'can-bo@bench.test', password: 'mật-khẩu-benchmark-123' };
    await addUser(db, { ...officer, role: 'officer', name: 'Cán bộ benchmark' });
    return officer;
  } finally {
    await db.destroy();
  }
}

export interface SlipsResult {
  slips: number;
  /** The first request (the server has not built a slip page yet), then the median of the rest. */
  firstMs: number;
  medianMs: number;
  minMs: number;
  rounds: number;
  rawBytes: number;
  /** As sent with `Accept-Encoding: gzip`. */
  wireBytes: number;
  gzipped: boolean;
  /** The page gzipped here at the default level, when the server sent it uncompressed. */
  localGzipBytes: number;
  /** In-process, in the benchmark: the product's qrSvg for as many links. */
  qrMs: number;
}

/** Signs in as the officer and asks for the slips page `rounds` times; the first counts apart. */
export async function measureSlips(
  baseUrl: string,
  officer: Officer,
  rounds: number,
): Promise<SlipsResult> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(officer),
  });
  if (login.status !== 200) {
    throw new Error(`POST /api/auth/login answered ${login.status}: ${await login.text()}`);
  }
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const headers = { Cookie: cookie, 'X-CSRF-Token': csrfToken };
  const url = `${baseUrl}/api/campaigns/${SLIPS_CAMPAIGN_ID}/slips`;
  const times: number[] = [];
  let page: Awaited<ReturnType<typeof fetchResource>> | undefined;
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    page = await fetchResource(url, 'html', headers);
    times.push(performance.now() - t);
    if (page.fetched.status !== 200) {
      throw new Error(`GET ${new URL(url).pathname} answered ${page.fetched.status}`);
    }
  }
  if (!page) throw new Error('no round ran');
  const html = page.body.toString('utf8');
  const slips = html.match(/<article class="slip">/g)?.length ?? 0;
  // Eight to a page the links are not printed as text: links of the same length stand in.
  const links = Array.from(
    { length: slips },
    () => `${baseUrl}/s/${randomBytes(16).toString('base64url')}`,
  );
  const rest = times.slice(1).sort((a, b) => a - b);
  return {
    slips,
    firstMs: times[0] ?? Number.NaN,
    medianMs: rest[Math.floor(rest.length / 2)] ?? Number.NaN,
    minMs: rest[0] ?? Number.NaN,
    rounds,
    rawBytes: page.fetched.rawBytes,
    wireBytes: page.fetched.wireBytes,
    gzipped: page.fetched.gzipped,
    localGzipBytes: gzipSync(page.body).length,
    qrMs: qrCost(links),
  };
}

/**
 * What the QR codes of these links cost: the product's own qrSvg (server/invitations/qr.ts),
 * run here in the benchmark's process to tell how much of the page's time it is.
 */
function qrCost(links: string[]): number {
  const t = performance.now();
  let size = 0;
  for (const link of links) size += qrSvg(link).length;
  if (size === 0 && links.length > 0) throw new Error('no QR module drawn');
  return performance.now() - t;
}
