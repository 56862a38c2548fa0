import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Unit, UnitSet } from './units';
import { loadUnitSet } from './units';

/**
 * The official lists since 1 July 2025, shipped with the product as the General Statistics
 * Office published them (questionnaires/data/, docs/method.md §17): every commune-level unit of
 * the 34 provinces with its official code and kind, and the conversion table from the old units.
 * Server-side only (it reads files); the console and the form never import it.
 */

export interface OfficialUnit {
  provinceCode: string;
  provinceName: string;
  /** The official code (5 digits). */
  code: string;
  /** "Xã Tân Hưng", "Phường Bình Long", "Đặc khu Côn Đảo". */
  name: string;
  /** The unit kind as a unit set writes it: `xa`, `phuong`, `dac_khu`. */
  kind: CommuneKind;
}

export type CommuneKind = 'xa' | 'phuong' | 'dac_khu';

/** One row of the conversion table: the new unit `code` took (part of) the old unit `oldCode`. */
export interface MergerRow {
  provinceCode: string;
  code: string;
  name: string;
  /** Empty for a whole old district turned into a special zone, or an area without a code. */
  oldCode: string;
  oldName: string;
  /** As published: "Nhập toàn bộ", "Nhập một phần", "Giữ nguyên", "Đổi tên", … */
  how: string;
  oldDistrictCode: string;
  oldDistrictName: string;
  oldProvinceCode: string;
  oldProvinceName: string;
}

export interface Province {
  code: string;
  name: string;
}

const KIND_OF: Record<string, CommuneKind> = { xã: 'xa', phường: 'phuong', 'đặc khu': 'dac_khu' };

const dataFile = (name: string) => new URL(`./data/${name}`, import.meta.url);

function readCsv(name: string): Record<string, string>[] {
  const rows: Record<string, string>[] = parse(readFileSync(dataFile(name), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  });
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v.normalize('NFC')])),
  );
}

let units: OfficialUnit[] | undefined;
let mergers: MergerRow[] | undefined;

/** All 3,321 commune-level units, in the published order (by province, then code). */
export function officialUnits(): OfficialUnit[] {
  units ??= readCsv('units-vietnam-2025-07.csv').map((r) => {
    const kind = KIND_OF[r.kind ?? ''];
    if (!kind) throw new Error(`Loại đơn vị không rõ: "${r.kind}" (${r.code})`);
    return {
      provinceCode: r.province_code ?? '',
      provinceName: r.province_name ?? '',
      code: r.code ?? '',
      name: r.name ?? '',
      kind,
    };
  });
  return units;
}

/** The official conversion table (10,571 rows), new unit ← old unit. */
export function mergerRows(): MergerRow[] {
  mergers ??= readCsv('mergers-vietnam-2025-07.csv').map((r) => ({
    provinceCode: r.province_code ?? '',
    code: r.code ?? '',
    name: r.name ?? '',
    oldCode: r.old_code ?? '',
    oldName: r.old_name ?? '',
    how: (r.how ?? '').replace(/\s+/g, ' '),
    oldDistrictCode: r.old_district_code ?? '',
    // The published table writes "Thị Xã …" and "Thị xã …" for the same town: one spelling.
    oldDistrictName: (r.old_district_name ?? '').replace(
      /^(Thị|Thành) (Xã|Phố) /,
      (_, a: string, b: string) => `${a} ${b.toLowerCase()} `,
    ),
    oldProvinceCode: r.old_province_code ?? '',
    oldProvinceName: r.old_province_name ?? '',
  }));
  return mergers;
}

/** The 34 provinces and cities, by official code. */
export function provinces(): Province[] {
  const seen = new Map<string, string>();
  for (const u of officialUnits()) seen.set(u.provinceCode, u.provinceName);
  return [...seen].map(([code, name]) => ({ code, name }));
}

export function findProvince(code: string): Province | undefined {
  return provinces().find((p) => p.code === code);
}

/**
 * Where a new unit came from, for the form's grouping ("the communes of my old district"): the
 * former district most of its predecessors belonged to, "Huyện Hớn Quản (cũ)". On a tie, the
 * first in the table; null when the table has no predecessor with a district.
 */
export function formerAreas(): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const m of mergerRows()) {
    if (!m.oldDistrictName) continue;
    const byDistrict = counts.get(m.code) ?? new Map<string, number>();
    byDistrict.set(m.oldDistrictName, (byDistrict.get(m.oldDistrictName) ?? 0) + 1);
    counts.set(m.code, byDistrict);
  }
  const areas = new Map<string, string>();
  for (const [code, byDistrict] of counts) {
    let best = '';
    let n = 0;
    for (const [district, c] of byDistrict) {
      if (c > n) [best, n] = [district, c];
    }
    areas.set(code, `${best} (cũ)`);
  }
  return areas;
}

/**
 * A plausible list of a province's departments and agencies (sở, ban, ngành) after the 2025
 * restructuring: the starting point the office edits (console, unit import), never the law.
 */
export const DEFAULT_DEPARTMENTS: ReadonlyArray<{ code: string; name: string }> = [
  { code: 'VPUBND', name: 'Văn phòng UBND tỉnh' },
  { code: 'SNV', name: 'Sở Nội vụ' },
  { code: 'STC', name: 'Sở Tài chính' },
  { code: 'STP', name: 'Sở Tư pháp' },
  { code: 'SCT', name: 'Sở Công Thương' },
  { code: 'SNNMT', name: 'Sở Nông nghiệp và Môi trường' },
  { code: 'SXD', name: 'Sở Xây dựng' },
  { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ' },
  { code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo' },
  { code: 'SYT', name: 'Sở Y tế' },
  { code: 'SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch' },
  { code: 'SDTTG', name: 'Sở Dân tộc và Tôn giáo' },
  { code: 'TTRA', name: 'Thanh tra tỉnh' },
  { code: 'BQLKCN', name: 'Ban Quản lý các khu công nghiệp' },
  { code: 'BQLDA', name: 'Ban Quản lý dự án đầu tư xây dựng tỉnh' },
  { code: 'TTPVHCC', name: 'Trung tâm Phục vụ hành chính công tỉnh' },
  { code: 'CAT', name: 'Công an tỉnh' },
  { code: 'THUE', name: 'Thuế tỉnh' },
  { code: 'BHXH', name: 'Bảo hiểm xã hội tỉnh' },
  { code: 'KBNN', name: 'Kho bạc Nhà nước khu vực' },
];

/**
 * A province's units for a 2026 campaign: the province, its departments and agencies (kind
 * `co_quan`, the office's list or DEFAULT_DEPARTMENTS) and every commune-level unit with its
 * official code (the unit's code is the official code) and former district.
 * @throws Error when the province code is not one of the 34.
 */
export function provinceUnitSet(
  provinceCode: string,
  departments: ReadonlyArray<{ code: string; name: string }> = DEFAULT_DEPARTMENTS,
): UnitSet {
  const province = findProvince(provinceCode);
  if (!province) throw new Error(`Không có tỉnh, thành phố mã "${provinceCode}"`);
  const areas = formerAreas();
  const province_: Unit = {
    code: province.code,
    name: province.name,
    kind: 'tinh',
    parentCode: null,
    officialCode: province.code,
    area: null,
  };
  const agencies: Unit[] = departments.map((d) => ({
    code: d.code,
    name: d.name,
    kind: 'co_quan',
    parentCode: province.code,
    officialCode: null,
    area: null,
  }));
  const communes: Unit[] = officialUnits()
    .filter((u) => u.provinceCode === province.code)
    .map((u) => ({
      code: u.code,
      name: u.name,
      kind: u.kind,
      parentCode: province.code,
      officialCode: u.code,
      area: areas.get(u.code) ?? null,
    }));
  return loadUnitSet({
    code: `tinh-${province.code}-2025-07`,
    name: `Đơn vị của ${province.name} (từ 01/7/2025)`,
    validFrom: '2025-07-01',
    units: [province_, ...agencies, ...communes],
  });
}
