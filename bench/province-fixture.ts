import { createHash } from 'node:crypto';
import { questionnairesFor } from '../contract/questionnaires-for';
import type { Answer } from '../contract/respondent';
import {
  type Definition,
  type DefinitionInput,
  loadDefinition,
  loadUnitSet,
  type UnitSet,
} from '../questionnaires';
import { createCampaign, setCampaignOpen } from '../server/campaigns/service';
import type { Db } from '../server/db/connect';
import { addRespondents, type NewPerson } from '../server/invitations/service';
import { criterionMap, storeSubmission } from '../server/respondent/submit';

/**
 * A province-sized campaign (issue #11 point 5) for tests and the bench: one campaign rating
 * 20 departments (index SO, unit kind `co_quan`) and 95 communes (index XA, kinds `xa`,
 * `phuong`, `dac_khu`), five respondent groups, about 5,000 invitations. Short questionnaires
 * (two questions each) keep a form small; the shape, not the wording, is what is measured.
 */

export const PROVINCE_CAMPAIGN_ID = 'tinh-thu';

const DEPARTMENTS = [
  'Sở Nội vụ',
  'Sở Tài chính',
  'Sở Tư pháp',
  'Sở Xây dựng',
  'Sở Công Thương',
  'Sở Y tế',
  'Sở Giáo dục và Đào tạo',
  'Sở Nông nghiệp và Môi trường',
  'Sở Khoa học và Công nghệ',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Ngoại vụ',
  'Sở Dân tộc và Tôn giáo',
  'Thanh tra tỉnh',
  'Văn phòng UBND tỉnh',
  'Ban Quản lý các khu công nghiệp',
  'Ban Quản lý khu kinh tế',
  'Sở Giao thông vận tải',
  'Sở Lao động – Thương binh và Xã hội',
  'Sở Thông tin và Truyền thông',
  'Sở Kế hoạch và Đầu tư',
];

const FIRST = ['Tân', 'Phước', 'Đắk', 'Hòa', 'Bình', 'Long', 'Thạnh', 'Ea', 'Quảng', 'Hưng'];
const SECOND = ['An', 'Định', 'Lộc', 'Mỹ', 'Hiệp', 'Sơn', 'Ơ', 'Thuận', 'Phú', 'Khánh'];

/** 95 commune names, Vietnamese with diacritics, no two alike: "UBND xã Đắk Ơ", "UBND phường Tân Định". */
function communes() {
  const out: { code: string; name: string; kind: string }[] = [];
  for (let i = 0; i < 95; i++) {
    const kind = i < 70 ? 'xa' : i < 93 ? 'phuong' : 'dac_khu';
    const word = { xa: 'xã', phuong: 'phường', dac_khu: 'đặc khu' }[kind];
    const name = `${FIRST[i % 10]} ${SECOND[Math.floor(i / 10) % 10]}`;
    out.push({ code: `XA${String(i + 1).padStart(3, '0')}`, name: `UBND ${word} ${name}`, kind });
  }
  return out;
}

export function provinceUnitSet(): UnitSet {
  return loadUnitSet({
    code: 'tinh-thu-2026',
    name: 'Tỉnh thử nghiệm 2026',
    validFrom: '2025-07-01',
    units: [
      ...DEPARTMENTS.map((name, i) => ({
        code: `SO${String(i + 1).padStart(2, '0')}`,
        name,
        kind: 'co_quan',
        parentCode: null,
      })),
      ...communes().map((u) => ({ ...u, parentCode: null })),
    ],
  });
}

const questionnaire = (id: string, index: string, criteria: string[]) => ({
  id,
  title: `Phiếu ${id}: đánh giá ${index === 'SO' ? 'các sở, ban, ngành' : 'UBND cấp xã'}`,
  intro: 'Xin mời Ông/Bà cho biết ý kiến.',
  index,
  mode: 'matrix' as const,
  questions: criteria.map((c, i) => ({
    id: `${id}-${i + 1}`,
    text: `Câu ${i + 1} về tiêu chí ${c}`,
    criterion: c,
    labelSet: 'L',
  })),
  comment: null,
  demographics: false,
});

const index = (code: string, name: string, unitKinds: string[]) => ({
  code,
  name,
  unitKinds,
  budget: '2.00',
  fields: [
    {
      code: `${code}-F1`,
      name: 'Công tác chỉ đạo, điều hành',
      criteria: [{ code: `${code}1`, name: 'Mức độ chỉ đạo', maxPoints: '1.00' }],
    },
    {
      code: `${code}-F2`,
      name: 'Thủ tục hành chính',
      criteria: [{ code: `${code}2`, name: 'Giải quyết thủ tục đúng hạn', maxPoints: '1.00' }],
    },
  ],
});

const input: DefinitionInput = {
  code: 'tinh-thu-2026',
  version: 1,
  name: 'Khảo sát Chỉ số CCHC tỉnh (thử nghiệm)',
  year: 2026,
  dontKnowLabel: 'Không biết/Không trả lời',
  indexes: [
    index('SO', 'Chỉ số CCHC của các sở, ban, ngành', ['co_quan']),
    index('XA', 'Chỉ số CCHC của UBND xã, phường, đặc khu', ['xa', 'phuong', 'dac_khu']),
  ],
  scaleProfiles: [
    { code: 'YB4', name: 'YB4', coefficients: { A: '1.00', B: '0.60', C: '0.20', D: '0.00' } },
  ],
  labelSets: [{ code: 'L', labels: { A: 'Tốt', B: 'Khá', C: 'Trung bình', D: 'Kém' } }],
  groups: [
    {
      code: 'DB_HDND',
      name: 'Đại biểu HĐND tỉnh',
      questionnaires: ['PS', 'PX'],
      unitRequired: false,
    },
    {
      code: 'LD_SO',
      name: 'Lãnh đạo các sở, ban, ngành',
      questionnaires: ['PS'],
      unitRequired: true,
    },
    {
      code: 'CC_SO',
      name: 'Công chức các sở, ban, ngành',
      questionnaires: ['PS'],
      unitRequired: true,
    },
    { code: 'LD_XA', name: 'Lãnh đạo UBND cấp xã', questionnaires: ['PX'], unitRequired: true },
    { code: 'CC_XA', name: 'Công chức cấp xã', questionnaires: ['PX'], unitRequired: true },
  ],
  questionnaires: [
    questionnaire('PS', 'SO', ['SO1', 'SO2']),
    questionnaire('PX', 'XA', ['XA1', 'XA2']),
  ],
  method: { scaleProfile: 'YB4', weighting: 'EQUAL_GROUP', emptyCriterion: 'ZERO', minCellSize: 3 },
};

export function provinceDefinition(): Definition {
  return loadDefinition(input);
}

/**
 * The roster: 100 delegates (no unit), 5 leaders and 40 civil servants per department,
 * 5 leaders and 32 civil servants per commune: 100 + 900 + 3,515 = 4,515 people; `scale`
 * multiplies the per-unit counts (at least one each).
 */
export function provinceRoster(unitSet: UnitSet, scale = 1): NewPerson[] {
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  const people: NewPerson[] = [];
  const add = (groupCode: string, unitCode: string | null, count: number) => {
    for (let i = 0; i < count; i++)
      people.push({ name: `Người ${groupCode} ${unitCode ?? ''} ${i + 1}`, groupCode, unitCode });
  };
  add('DB_HDND', null, n(100));
  for (const u of unitSet.units) {
    if (u.kind === 'co_quan') {
      add('LD_SO', u.code, n(5));
      add('CC_SO', u.code, n(40));
    } else {
      add('LD_XA', u.code, n(5));
      add('CC_XA', u.code, n(32));
    }
  }
  return people;
}

/** Creates the province campaign, open since yesterday, with its roster; returns the counts. */
export async function createProvince(db: Db, secret: string, { scale = 1 } = {}) {
  const definition = provinceDefinition();
  const unitSet = provinceUnitSet();
  const now = Date.now();
  await createCampaign(db, {
    id: PROVINCE_CAMPAIGN_ID,
    name: 'Khảo sát Chỉ số CCHC tỉnh 2026 (thử nghiệm)',
    definition,
    unitSet,
    opensAt: new Date(now - 86_400_000).toISOString(),
    closesAt: new Date(now + 30 * 86_400_000).toISOString(),
  });
  const roster = provinceRoster(unitSet, scale);
  await addRespondents(db, secret, PROVINCE_CAMPAIGN_ID, roster);
  return { definition, unitSet, invitations: roster.length };
}

/**
 * Submits `forms` forms straight through the server's own store (the submit's transaction,
 * tallies included, without HTTP): invitations in a stable order spread over every group and
 * unit, the options varying by unit so that the ranking has spread. Returns how many were stored.
 */
export async function submitProvinceForms(db: Db, definition: Definition, forms: number) {
  const units = await db
    .selectFrom('unit as u')
    .innerJoin('campaign as c', 'c.unitSetId', 'u.unitSetId')
    .select(['u.code', 'u.name', 'u.kind'])
    .where('c.id', '=', PROVINCE_CAMPAIGN_ID)
    .orderBy('u.position')
    .execute();
  const invitations = await db
    .selectFrom('invitation as i')
    .innerJoin('respondent as r', 'r.id', 'i.respondentId')
    .selectAll('i')
    .select(['r.groupCode', 'r.unitCode'])
    .where('i.campaignId', '=', PROVINCE_CAMPAIGN_ID)
    .where('i.status', '=', 'not_opened')
    // Random ids: the forms fall on every group and unit, some more than others.
    .orderBy('i.id')
    .execute();
  const criteria = criterionMap(definition);
  const views = new Map<string, ReturnType<typeof questionnairesFor>>();
  const step = 1;
  let stored = 0;
  for (let i = 0; i < invitations.length && stored < forms; i += step) {
    const inv = invitations[i];
    if (!inv) break;
    let qs = views.get(inv.groupCode);
    if (!qs) {
      qs = questionnairesFor(definition, inv.groupCode, units);
      views.set(inv.groupCode, qs);
    }
    // Each unit has its own level (how often it is rated A), so that the ranking spreads.
    const answers: Answer[] = qs.flatMap((q) =>
      q.questions.flatMap((question, k) =>
        q.units.map((u, j) => {
          const level = 20 + ((j * 37) % 60);
          const roll = (stored * 61 + j * 17 + k * 29) % 100;
          const option = roll < level ? 'A' : roll < level + 25 ? 'B' : roll < 95 ? 'C' : 'E';
          return { questionnaireId: q.id, questionId: question.id, unitCode: u.code, option };
        }),
      ),
    );
    const body = { submissionId: `sub-${i}`, answers };
    const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    await storeSubmission(db, inv, inv.groupCode, body, hash, criteria);
    stored++;
  }
  return stored;
}

/** Closes the province campaign now (scoring needs it closed). */
export const closeProvince = (db: Db) => setCampaignOpen(db, PROVINCE_CAMPAIGN_ID, false);
