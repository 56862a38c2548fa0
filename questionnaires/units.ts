import { z } from 'zod';

export const Unit = z.object({
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/),
  name: z.string().trim().min(1),
  /** tinh, huyen, xa, phuong, dac_khu, thi_tran, co_quan … */
  kind: z.string().min(1),
  parentCode: z.string().nullable(),
  /**
   * The General Statistics Office's code ("25345" for xã Tân Hưng), when the unit has one: kept
   * in exports and results, and what year over year crosses the 2025 mergers by.
   */
  officialCode: z
    .string()
    .regex(/^\d{2,5}$/, 'Mã đơn vị hành chính chính thức gồm 2 đến 5 chữ số')
    .nullable()
    .default(null),
  /** Where the unit was before the 2025 mergers ("Huyện Hớn Quản (cũ)"): the form groups by it. */
  area: z.string().trim().min(1).max(200).nullable().default(null),
});
export type Unit = z.infer<typeof Unit>;

/** Units change (districts split, merged, abolished): a unit set is dated data. */
export const UnitSet = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  units: z.array(Unit).min(1),
});
export type UnitSet = z.infer<typeof UnitSet>;

export function loadUnitSet(input: unknown): UnitSet {
  const set = UnitSet.parse(input);
  const codes = new Set<string>();
  for (const u of set.units) {
    if (codes.has(u.code)) throw new Error(`Trùng mã đơn vị "${u.code}"`);
    codes.add(u.code);
  }
  for (const u of set.units) {
    if (u.parentCode && !codes.has(u.parentCode)) {
      throw new Error(`Đơn vị "${u.name}" có đơn vị cấp trên "${u.parentCode}" không tồn tại`);
    }
  }
  return set;
}
