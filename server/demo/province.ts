import { builtInProvinceDefinition, type UnitSet } from '../../questionnaires';
import { provinceUnitSet } from '../../questionnaires/official';
import { findCampaign } from '../campaigns/queries';
import { createCampaign } from '../campaigns/service';
import type { Db } from '../db/connect';
import { addRespondents, type NewPerson } from '../invitations/service';
import { demoDeadline } from './deadline';

export const PROVINCE_DEMO_ID = 'demo-dong-nai-2026';
const DONG_NAI = '75';

/**
 * How many fictional people per group, shaped like a province's season (docs/method.md §17):
 * about 1,600–2,300 forms about the departments (from the communes) and 600–700 about the
 * communes (from the province), 2,930 in all.
 */
const PER_UNIT = { LD_SO: 3, LD_PHONG_SO: 25, LD_UBND_XA: 4, LD_PHONG_XA: 20 } as const;
const DELEGATES = 90;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng'];
const MORE_FAMILY = ['Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Trịnh', 'Lâm', 'Mai'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Ngọc', 'Thanh', 'Quốc', 'Đức', 'Thu', 'Hoài'];
const GIVEN = [
  'An',
  'Bình',
  'Châu',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hiếu',
  'Hoa',
  'Hùng',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Phúc',
  'Phương',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Thắng',
  'Trang',
  'Trung',
  'Tuấn',
  'Vy',
  'Yến',
  'Xuân',
];

/** A small deterministic generator: the same demo on every machine. */
function generator(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s % n;
  };
}

function pick<T>(list: readonly T[], next: (n: number) => number): T {
  return list[next(list.length)] as T;
}

/** The demo's roster: fictional names and phones, people in their real kinds of workplace. */
export function provinceRoster(units: UnitSet): NewPerson[] {
  const next = generator(2026);
  const name = () =>
    `${pick(next(3) === 0 ? MORE_FAMILY : FAMILY, next)} ${pick(MIDDLE, next)} ${pick(GIVEN, next)}`;
  const phone = () => `09${String(10_000_000 + next(89_999_999)).padStart(8, '0')}`;
  const departments = units.units.filter((u) => u.kind === 'co_quan');
  const communes = units.units.filter((u) => ['xa', 'phuong', 'dac_khu'].includes(u.kind));
  const people: NewPerson[] = [];
  for (let i = 0; i < DELEGATES; i++) {
    const at = i % 3 === 0 ? pick(departments, next) : pick(communes, next);
    people.push({
      name: name(),
      groupCode: 'DB_HDND_TINH',
      unitCode: null,
      workplace: at.name,
      position: 'Đại biểu HĐND tỉnh',
      phone: phone(),
    });
  }
  const staff = (
    groupCode: keyof typeof PER_UNIT,
    at: UnitSet['units'],
    position: (i: number) => string,
  ) => {
    for (const unit of at) {
      for (let i = 0; i < PER_UNIT[groupCode]; i++) {
        people.push({
          name: name(),
          groupCode,
          unitCode: unit.code,
          workplace: unit.name,
          position: position(i),
          phone: phone(),
        });
      }
    }
  };
  staff('LD_SO', departments, (i) => (i === 0 ? 'Giám đốc' : 'Phó Giám đốc'));
  staff('LD_PHONG_SO', departments, (i) => (i % 3 === 0 ? 'Trưởng phòng' : 'Phó Trưởng phòng'));
  staff('LD_UBND_XA', communes, (i) => (i === 0 ? 'Chủ tịch UBND' : 'Phó Chủ tịch UBND'));
  const offices = [
    'Văn phòng HĐND và UBND',
    'Phòng Kinh tế',
    'Phòng Văn hóa – Xã hội',
    'Trung tâm Phục vụ hành chính công',
  ];
  staff(
    'LD_PHONG_XA',
    communes,
    (i) =>
      `${i % 2 === 0 ? 'Trưởng' : 'Phó Trưởng'} ${offices[i % offices.length]?.replace(/^./, (c) => c.toLowerCase())}`,
  );
  return people;
}

/**
 * The 2026 Đồng Nai demo (issue #11): the built-in province definition, Đồng Nai's 95 communes
 * with their official codes and 20 departments, 2,930 fictional people with their invitations,
 * open from now for 60 days. Running it again changes nothing.
 */
export async function createProvinceDemo(db: Db, secret: string, now = new Date()) {
  if (await findCampaign(db, PROVINCE_DEMO_ID))
    return { campaignId: PROVINCE_DEMO_ID, created: false };
  const unitSet = provinceUnitSet(DONG_NAI);
  await db.transaction().execute(async (trx) => {
    await createCampaign(trx, {
      id: PROVINCE_DEMO_ID,
      name: 'Khảo sát xã hội học Chỉ số CCHC năm 2026 — tỉnh Đồng Nai (bản dùng thử)',
      definition: builtInProvinceDefinition(),
      unitSet,
      opensAt: now.toISOString(),
      closesAt: demoDeadline(now),
      contact: { name: 'Sở Nội vụ tỉnh Đồng Nai', phone: '0251 3822 123' },
    });
    await addRespondents(trx, secret, PROVINCE_DEMO_ID, provinceRoster(unitSet));
  });
  return { campaignId: PROVINCE_DEMO_ID, created: true };
}
