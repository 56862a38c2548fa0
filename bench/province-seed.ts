import { questionnairesFor } from '../contract/questionnaires-for';
import type { Answer, QuestionnaireView, SubmitBody } from '../contract/respondent';
import { builtInProvinceDefinition, type Definition, type UnitSet } from '../questionnaires';
import { DEFAULT_DEPARTMENTS, provinceUnitSet } from '../questionnaires/official';
import { addUser } from '../server/auth/users';
import { createCampaign, setCampaignOpen } from '../server/campaigns/service';
import { type Db, migrateToLatest, openDb } from '../server/db/connect';
import { addRespondents, listLinks, type NewPerson } from '../server/invitations/service';
import { canonicalSubmitBody } from '../server/respondent/canonical';
import { insertAnonymousForm } from '../server/respondent/store-form';
import { criterionMap } from '../server/respondent/submit';
import { checkAnswers } from '../server/respondent/validate';
import { createRun } from '../server/results/service';
import { newReceipt, randomId, submitHash } from '../server/secrets';
import { tokenOf } from './seed';
import type { Officer } from './slips';

/** The open campaign (slips, tracking, invitations, a delegate's first load) and the closed one. */
export const PROVINCE_OPEN_ID = 'bench-tinh-mo';
export const PROVINCE_CLOSED_ID = 'bench-tinh-dong';
const DONG_NAI = '75';
/** Đồng Nai's 95 communes + 20 default departments + these 15 = 130 rated units. */
const EXTRA_AGENCIES = 15;
export const DELEGATE = 'DB_HDND_TINH';

/** What a respondent rates from memory: the rest of the units are "Không biết" (E). */
export const PICKS = { communes: 12, departments: 5 } as const;

export interface ProvinceSizes {
  /** Invitations of the open campaign. */
  invitations: number;
  /** Forms submitted in the closed campaign (of 10 % more invitations). */
  forms: number;
}

export const PROVINCE_SIZES: ProvinceSizes = { invitations: 5000, forms: 3000 };
/** `BENCH_QUICK=1`: the same section on small sizes, for developing it. */
export const PROVINCE_QUICK_SIZES: ProvinceSizes = { invitations: 500, forms: 150 };

export interface ProvinceSeed {
  sizes: ProvinceSizes;
  ratedUnits: { communes: number; departments: number };
  officer: Officer;
  analyst: Officer;
  /** Delegates' links of the open campaign, none opened yet. */
  delegateTokens: string[];
  /** The closed campaign's official scoring run. */
  runId: string;
  /** People per group, in the open and in the closed campaign (forms submitted). */
  openGroups: Record<string, number>;
  closedForms: Record<string, number>;
  answers: number;
  timings: {
    openInvitesMs: number;
    closedInvitesMs: number;
    formsMs: number;
    closeMs: number;
    runMs: number;
  };
}

/**
 * The department list of the bench: the 20 defaults and 15 more agencies, as an office that
 * adds its own would have it.
 */
export function benchDepartments(): { code: string; name: string }[] {
  const extra = Array.from({ length: EXTRA_AGENCIES }, (_, i) => ({
    code: `CQT${i + 21}`,
    name: `Cơ quan thử ${i + 21}`,
  }));
  return [...DEFAULT_DEPARTMENTS, ...extra];
}

/** People per group in the 2026 Đồng Nai demo (server/demo/province.ts): the shares used here. */
const DEMO_SHARES: [string, number][] = [
  [DELEGATE, 90],
  ['LD_SO', 60],
  ['LD_PHONG_SO', 500],
  ['LD_UBND_XA', 380],
  ['LD_PHONG_XA', 1900],
];
const DEMO_TOTAL = DEMO_SHARES.reduce((n, [, k]) => n + k, 0);

/** The group of the i-th of n people, in the demo's proportions (groups in contiguous runs). */
export function groupAt(i: number, n: number): string {
  let x = Math.floor((i * DEMO_TOTAL) / n);
  for (const [code, k] of DEMO_SHARES) {
    if (x < k) return code;
    x -= k;
  }
  return DEMO_SHARES.at(-1)?.[0] ?? DELEGATE;
}

const COMMUNE_KINDS = new Set(['xa', 'phuong', 'dac_khu']);

/** n people over the five groups, staff in a workplace of the kind their group works in. */
export function provincePeople(unitSet: UnitSet, n: number, label: string): NewPerson[] {
  const departments = unitSet.units.filter((u) => u.kind === 'co_quan');
  const communes = unitSet.units.filter((u) => COMMUNE_KINDS.has(u.kind));
  return Array.from({ length: n }, (_, i) => {
    const groupCode = groupAt(i, n);
    const atDepartment = groupCode === 'LD_SO' || groupCode === 'LD_PHONG_SO';
    const atCommune = groupCode === 'LD_UBND_XA' || groupCode === 'LD_PHONG_XA';
    const list = atDepartment || (!atCommune && i % 3 === 0) ? departments : communes;
    const unit = list[i % list.length];
    return {
      name: `${label} ${i + 1}`,
      groupCode,
      unitCode: groupCode === DELEGATE ? null : (unit?.code ?? null),
      workplace: unit?.name ?? null,
      position: groupCode === DELEGATE ? 'Đại biểu HĐND tỉnh' : 'Lãnh đạo',
    };
  });
}

/** A small deterministic generator: the same forms on every run. */
export function generator(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s % n;
  };
}

/**
 * A form as the respondent's phone submits it: every question × every unit of each
 * questionnaire; the units picked on the "which do you know" screen (12 communes, or 5
 * departments) rated, mostly A–B, the others "Không biết" (E).
 */
export function provinceBody(
  views: QuestionnaireView[],
  kindOf: Map<string, string>,
  next: (n: number) => number,
): SubmitBody {
  const answers: Answer[] = [];
  for (const q of views) {
    const communes = q.units.some((u) => COMMUNE_KINDS.has(kindOf.get(u.code) ?? ''));
    const k = Math.min(q.units.length, communes ? PICKS.communes : PICKS.departments);
    const picked = new Set<string>();
    while (picked.size < k) picked.add(q.units[next(q.units.length)]?.code ?? '');
    for (const question of q.questions) {
      for (const unit of q.units) {
        const option = picked.has(unit.code) ? rating(next(100)) : 'E';
        answers.push({
          questionnaireId: q.id,
          questionId: question.id,
          unitCode: unit.code,
          option,
        });
      }
    }
  }
  return { submissionId: randomId(), answers };
}

/** A 40 %, B 35 %, C 14 %, D 5 %, E 6 % (a known unit, a question the person cannot judge). */
const rating = (x: number): Answer['option'] =>
  x < 40 ? 'A' : x < 75 ? 'B' : x < 89 ? 'C' : x < 94 ? 'D' : 'E';

/** The views each group's form is made of, checked once against the server's own validation. */
export function viewsByGroup(definition: Definition, unitSet: UnitSet) {
  const units = unitSet.units.map((u) => ({ code: u.code, name: u.name, kind: u.kind }));
  const kindOf = new Map(units.map((u) => [u.code, u.kind]));
  const views = new Map(
    definition.groups.map((g) => [g.code, questionnairesFor(definition, g.code, units)]),
  );
  const next = generator(1);
  for (const [group, v] of views) {
    const problems = checkAnswers(provinceBody(v, kindOf, next), v, definition);
    if (problems.length > 0)
      throw new Error(`The bench's ${group} form is refused: ${problems[0]?.message}`);
  }
  return { views, kindOf };
}

/**
 * Both province campaigns and their accounts, written into the database before the server
 * opens it, through the server's own functions: the open one with `invitations` people; the
 * closed one with `forms` forms stored as a submit stores them (the invitation claimed, an
 * event, `insertAnonymousForm` with its tallies), closed as the console closes (`setCampaignOpen`,
 * which rebuilds the file) and scored officially (`createRun`).
 */
export async function seedProvince(
  databaseUrl: string,
  secret: string,
  sizes: ProvinceSizes,
  log: (m: string) => void = () => {},
): Promise<ProvinceSeed> {
  const db = openDb(databaseUrl);
  try {
    await migrateToLatest(db);
    const definition = builtInProvinceDefinition();
    const unitSet = provinceUnitSet(DONG_NAI, benchDepartments());
    const now = Date.now();
    const day = 86_400_000;

    let t = performance.now();
    await createCampaign(db, {
      id: PROVINCE_OPEN_ID,
      name: 'Benchmark: tỉnh Đồng Nai 2026 (đang mở)',
      definition,
      unitSet,
      opensAt: new Date(now - day).toISOString(),
      closesAt: new Date(now + 30 * day).toISOString(),
    });
    const openPeople = provincePeople(unitSet, sizes.invitations, 'Người mời thử');
    await addRespondents(db, secret, PROVINCE_OPEN_ID, openPeople);
    const openInvitesMs = performance.now() - t;
    const links = await listLinks(
      db,
      { publicUrl: 'http://bench', secret },
      PROVINCE_OPEN_ID,
      new Map(),
    );
    const delegateTokens = links
      .filter((l) => l.group_code === DELEGATE)
      .map((l) => tokenOf(l.link));

    log(`province: ${sizes.forms.toLocaleString('en-US')} forms into the closed campaign…`);
    t = performance.now();
    await createCampaign(db, {
      id: PROVINCE_CLOSED_ID,
      name: 'Benchmark: tỉnh Đồng Nai 2026 (đã đóng)',
      definition,
      unitSet,
      opensAt: new Date(now - 40 * day).toISOString(),
      closesAt: new Date(now + day).toISOString(),
    });
    // Ten in eleven answer: every eleventh person of every group has not.
    const invited = Math.ceil((sizes.forms * 11) / 10);
    const closedPeople = provincePeople(unitSet, invited, 'Người trả lời thử');
    const ids = await addRespondents(db, secret, PROVINCE_CLOSED_ID, closedPeople);
    const closedInvitesMs = performance.now() - t;
    const answering = closedPeople
      .map((person, i) => ({ person, invitationId: ids[i]?.invitationId ?? '' }))
      .filter((_, i) => i % 11 !== 10)
      .slice(0, sizes.forms);

    t = performance.now();
    const { answers, closedForms } = await storeForms(db, secret, definition, unitSet, {
      answering,
      from: now - 39 * day,
      to: now - day,
    });
    const formsMs = performance.now() - t;

    t = performance.now();
    await setCampaignOpen(db, PROVINCE_CLOSED_ID, false, new Date());
    const closeMs = performance.now() - t;

    const officer = { email: 'can-bo-tinh@bench.test', password: 'mật-khẩu-benchmark-tỉnh-1' };
    const analyst = { email: 'phan-tich-tinh@bench.test', password: 'mật-khẩu-benchmark-tỉnh-2' };
    await addUser(db, { ...officer, role: 'officer', name: 'Cán bộ Sở Nội vụ (benchmark)' });
    const analystUser = await addUser(db, {
      ...analyst,
      role: 'analyst',
      name: 'Hội đồng thẩm định (benchmark)',
    });
    t = performance.now();
    const run = await createRun(db, PROVINCE_CLOSED_ID, { user: { id: analystUser.id } });
    const runMs = performance.now() - t;

    const openGroups: Record<string, number> = {};
    for (const p of openPeople) openGroups[p.groupCode] = (openGroups[p.groupCode] ?? 0) + 1;
    const kinds = unitSet.units.map((u) => u.kind);
    return {
      sizes,
      ratedUnits: {
        communes: kinds.filter((k) => COMMUNE_KINDS.has(k)).length,
        departments: kinds.filter((k) => k === 'co_quan').length,
      },
      officer,
      analyst,
      delegateTokens,
      runId: run.id,
      openGroups,
      closedForms,
      answers,
      timings: { openInvitesMs, closedInvitesMs, formsMs, closeMs, runMs },
    };
  } finally {
    await db.destroy();
  }
}

/** Forms per transaction: a submit commits one; batches only spare the seeding 3,000 fsyncs. */
const BATCH = 50;

/**
 * The people `answering` submit, at times spread over the campaign's weeks: what
 * `storeSubmission` does for each (server/respondent/submit.ts), a batch of forms per
 * transaction.
 */
async function storeForms(
  db: Db,
  secret: string,
  definition: Definition,
  unitSet: UnitSet,
  o: { answering: { person: NewPerson; invitationId: string }[]; from: number; to: number },
) {
  const { views, kindOf } = viewsByGroup(definition, unitSet);
  const criteria = criterionMap(definition);
  const next = generator(2026);
  const closedForms: Record<string, number> = {};
  let answers = 0;
  const forms = o.answering.length;
  for (let start = 0; start < forms; start += BATCH) {
    await db.transaction().execute(async (trx) => {
      for (let i = start; i < Math.min(forms, start + BATCH); i++) {
        const { person, invitationId: id } = o.answering[i] as (typeof o.answering)[0];
        const { groupCode } = person;
        const body = provinceBody(views.get(groupCode) ?? [], kindOf, next);
        // Arrivals spread over the weeks, not in roster order.
        const at = new Date(o.from + (o.to - o.from) * (next(1_000_000) / 1_000_000)).toISOString();
        await trx
          .updateTable('invitation')
          .set({
            status: 'submitted',
            openedAt: at,
            startedAt: at,
            submittedAt: at,
            receipt: newReceipt(),
            submitHash: submitHash(secret, canonicalSubmitBody(body)),
          })
          .where('id', '=', id)
          .execute();
        await trx
          .insertInto('invitationEvent')
          .values({ invitationId: id, status: 'submitted', at })
          .execute();
        await insertAnonymousForm(
          trx,
          { campaignId: PROVINCE_CLOSED_ID, groupCode, answers: body.answers },
          criteria,
        );
        answers += body.answers.length;
        closedForms[groupCode] = (closedForms[groupCode] ?? 0) + 1;
      }
    });
  }
  return { answers, closedForms };
}
