import type { CommuneCounts } from '../../../contract/console/campaigns';
import { count } from '../format';

/**
 * Unit kinds in Vietnamese, as the console shows them (the codes are a unit set's: `xa`,
 * `dac_khu`, `co_quan`…); lower case, for sentences ("72 xã, 23 phường"); contract/console/unit-kinds.ts has the capitalised labels.
 */
export const KIND_NAMES: Record<string, string> = {
  tinh: 'tỉnh, thành phố',
  huyen: 'huyện',
  xa: 'xã',
  phuong: 'phường',
  dac_khu: 'đặc khu',
  thi_tran: 'thị trấn',
  co_quan: 'cơ quan',
};

export const kindName = (kind: string) => KIND_NAMES[kind] ?? kind;

/** "95 đơn vị cấp xã (72 xã, 23 phường)"; kinds with none are left out. */
export function communeText(c: CommuneCounts): string {
  const parts = (
    [
      ['xa', c.xa],
      ['phuong', c.phuong],
      ['dac_khu', c.dac_khu],
    ] as const
  )
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${count(n)} ${kindName(kind)}`);
  return `${count(c.total)} đơn vị cấp xã (${parts.join(', ')})`;
}
