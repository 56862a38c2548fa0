import { builtInDefinition, builtInUnitSet } from '../questionnaires';
import { createApp } from '../server/app';
import { addUser } from '../server/auth/users';
import { createCampaign } from '../server/campaigns/service';
import { migrateToLatest, openDb } from '../server/db/connect';
import { addRespondents, type NewPerson } from '../server/invitations/service';
import { workplaceUnits } from '../server/roster/match';

/**
 * The invitations list and the QR slips at a province's size (issue #13.12, #13.10), in-process
 * through `app.request` on an in-memory database: a campaign of `people` invitations with
 * Vietnamese names, phones and e-mails over every group and workplace unit.
 */
export interface InvitationListResult {
  people: number;
  /** Median of `rounds` requests (after one not counted), in ms. */
  firstPageMs: number;
  searchMs: number;
  sortByNameMs: number;
  filteredMs: number;
  nonRespondersMs: number;
  nonRespondersCsvMs: number;
  firstPageBytes: number;
  /** Every live link's slip, 8 per page: the first request (no QR mask known), then again. */
  slips: number;
  slipsFirstMs: number;
  slipsAgainMs: number;
  /** CPU time of the process for each (the machine may be shared: wall time then says less). */
  slipsFirstCpuMs: number;
  slipsAgainCpuMs: number;
  firstPageCpuMs: number;
  slipsBytes: number;
}

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Ngọc', 'Quốc', 'Bá', 'Xuân'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Đào',
  'Giang',
  'Hà',
  'Hải',
  'Hiếu',
  'Hoa',
  'Hùng',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Việt',
  'Yến',
];

const pick = <T>(list: T[], i: number) => list[i % list.length] as T;

export async function measureInvitationList(
  people = 5000,
  rounds = 5,
): Promise<InvitationListResult> {
  const db = openDb(':memory:');
  await migrateToLatest(db);
  const secret = 'bench-secret-bench-secret-bench-secret-0123';
  const app = createApp({
    db,
    config: {
      secret,
      publicUrl: 'https://khaosat.binhphuoc.gov.vn',
      bodyLimit: 256 * 1024,
      logRequests: false,
      trustProxy: false,
      clientDir: '/nonexistent',
    },
  });
  const definition = builtInDefinition();
  const unitSet = builtInUnitSet();
  const now = Date.now();
  const id = 'bench-list';
  await createCampaign(db, {
    id,
    name: 'Benchmark: danh sách lời mời',
    definition,
    unitSet,
    opensAt: new Date(now - 86_400_000).toISOString(),
    closesAt: new Date(now + 30 * 86_400_000).toISOString(),
  });
  const units = workplaceUnits(unitSet.units);
  const roster: NewPerson[] = Array.from({ length: people }, (_, i) => ({
    name: `${pick(FAMILY, i)} ${pick(MIDDLE, i * 7 + 3)} ${pick(GIVEN, i * 13 + 5)}`,
    groupCode: pick(definition.groups, i).code,
    unitCode: pick(units, i * 3).code,
    position: 'Chuyên viên',
    phone: `09${String(10_000_000 + i * 7919).slice(-8)}`,
    email: i % 3 ? null : `nguoi${i}@binhphuoc.gov.vn`,
  }));
  await addRespondents(db, secret, id, roster);
  const officer = { email: 'can-bo@bench.test', password: 'mật-khẩu-benchmark-123' };
  await addUser(db, { ...officer, role: 'officer', name: 'Cán bộ benchmark' });
  const login = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(officer),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const get = async (path: string) => {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const res = await app.request(`/api/campaigns/${id}${path}`, { headers: { Cookie: cookie } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${body}`);
    const used = process.cpuUsage(cpu);
    return {
      ms: performance.now() - t,
      cpuMs: (used.user + used.system) / 1000,
      bytes: Buffer.byteLength(body),
      body,
    };
  };
  const median = async (path: string) => {
    await get(path);
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) times.push((await get(path)).ms);
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)] ?? Number.NaN;
  };
  try {
    const unit = pick(units, 0).code;
    const first = await get('/invitations');
    const result = {
      people,
      firstPageMs: await median('/invitations'),
      searchMs: await median('/invitations?q=nguyen%20van%20an'),
      sortByNameMs: await median('/invitations?sort=name&page=40'),
      filteredMs: await median(`/invitations?group=LD_UBND_XA&unit=${unit}&status=not_opened`),
      nonRespondersMs: await median('/non-responders'),
      nonRespondersCsvMs: await median('/non-responders?format=csv'),
      firstPageBytes: first.bytes,
      firstPageCpuMs: (await get('/invitations')).cpuMs,
    };
    const slipsFirst = await get('/slips');
    const slipsAgain = await get('/slips');
    return {
      ...result,
      slips: slipsFirst.body.match(/<article class="slip">/g)?.length ?? 0,
      slipsFirstMs: slipsFirst.ms,
      slipsAgainMs: slipsAgain.ms,
      slipsFirstCpuMs: slipsFirst.cpuMs,
      slipsAgainCpuMs: slipsAgain.cpuMs,
      slipsBytes: slipsFirst.bytes,
    };
  } finally {
    await db.destroy();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const people = Number(process.argv[2] ?? 5000);
  measureInvitationList(people).then(
    (r) => console.log(JSON.stringify(r, (_, v) => (typeof v === 'number' ? Math.round(v) : v), 2)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
