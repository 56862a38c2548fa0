/**
 * What the console calls the unit kinds it knows (questionnaires/units.ts `kind`); any other kind
 * is shown by its code. No zod here: the console's bundle takes it as a constant.
 */
export const UNIT_KIND_NAMES: Record<string, string> = {
  tinh: 'Tỉnh',
  huyen: 'Huyện',
  co_quan: 'Cơ quan, sở, ban, ngành',
  xa: 'Xã',
  phuong: 'Phường',
  thi_tran: 'Thị trấn',
  dac_khu: 'Đặc khu',
};

export const unitKindName = (kind: string) => UNIT_KIND_NAMES[kind] ?? kind;
