import type { UnitImportResult } from '../../contract/console/campaigns';
import { loadUnitSet, type UnitSet } from '../../questionnaires';
import { audit } from '../audit/log';
import { type Db, inTransaction } from '../db/connect';
import type { Campaign } from '../db/schema';
import { ApiError } from '../errors';
import { foldKey } from '../roster/normalize';
import { type RosterFile, readSheet } from '../roster/read';
import { randomId } from '../secrets';
import { campaignPhase } from './phase';
import { findDefinition, saveUnitSet } from './queries';
import { checkUnitsFitDefinition } from './service';

const KINDS = ['tinh', 'huyen', 'xa', 'phuong', 'dac_khu', 'thi_tran', 'co_quan'];
const HEADERS: Record<'code' | 'name' | 'kind' | 'parent' | 'official' | 'area', string[]> = {
  code: ['code', 'ma', 'ma don vi'],
  name: ['name', 'ten don vi', 'ten'],
  kind: ['kind', 'loai', 'loai don vi'],
  parent: [
    'parent',
    'parentcode',
    'parent code',
    'don vi cap tren',
    'ma don vi cap tren',
    'cap tren',
  ],
  official: [
    'official code',
    'officialcode',
    'official_code',
    'ma chinh thuc',
    'ma dvhc',
    'ma don vi hanh chinh',
    'ma thong ke',
  ],
  area: ['area', 'khu vuc', 'huyen cu', 'dia ban cu', 'don vi cu'],
};

/**
 * Replaces a campaign's units with a new dated unit set read from a file (.xlsx/.csv), before
 * the campaign opens. All or nothing: any problem (by row number) and nothing changes.
 */
export async function importUnits(
  db: Db,
  campaign: Campaign,
  file: RosterFile,
  user: { id: string; email: string } | null,
  now = new Date(),
): Promise<UnitImportResult> {
  if (campaignPhase(campaign, now) !== 'not_open') {
    throw new ApiError(
      409,
      'campaign_open',
      'Đợt khảo sát đã mở: không đổi danh sách đơn vị được.',
    );
  }
  const sheet = await readSheet(file);
  const [header, ...rows] = sheet.rows;
  if (!header) throw new ApiError(422, 'units_empty', 'Tệp không có dữ liệu.');
  const keys = header.cells.map(foldKey);
  const col = (f: keyof typeof HEADERS) => keys.findIndex((k) => HEADERS[f].includes(k));
  const cols = {
    code: col('code'),
    name: col('name'),
    kind: col('kind'),
    parent: col('parent'),
    official: col('official'),
    area: col('area'),
  };
  const missing = (['code', 'name', 'kind'] as const).filter((f) => cols[f] < 0);
  if (missing.length > 0) {
    const label = { code: '"Mã"', name: '"Tên đơn vị"', kind: '"Loại"' };
    throw new ApiError(
      422,
      'units_columns_missing',
      `Không tìm thấy cột ${missing.map((f) => label[f]).join(', ')} ở dòng ${header.row}.`,
    );
  }
  const problems: { row: number; message: string }[] = [];
  const cell = (cells: string[], i: number) =>
    i < 0 ? '' : (cells[i] ?? '').normalize('NFC').trim();
  const read = rows
    .filter((r) => r.cells.some((c) => c.trim() !== ''))
    .map((r) => ({
      row: r.row,
      code: cell(r.cells, cols.code),
      name: cell(r.cells, cols.name),
      kind: foldKey(cell(r.cells, cols.kind)).replace(/ /g, '_'),
      parent: cell(r.cells, cols.parent),
      official: cell(r.cells, cols.official),
      area: cell(r.cells, cols.area),
    }));
  const byCode = new Map<string, number>();
  for (const u of read) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(u.code))
      problems.push({
        row: u.row,
        message: `Mã đơn vị "${u.code}" không hợp lệ (chỉ chữ không dấu, số, - _ .).`,
      });
    else if (byCode.has(u.code))
      problems.push({
        row: u.row,
        message: `Trùng mã "${u.code}" với dòng ${byCode.get(u.code)}.`,
      });
    else byCode.set(u.code, u.row);
    if (u.name === '') problems.push({ row: u.row, message: 'Thiếu tên đơn vị.' });
    if (u.official !== '' && !/^\d{2,5}$/.test(u.official))
      problems.push({
        row: u.row,
        message: `Mã đơn vị hành chính "${u.official}" không hợp lệ (2 đến 5 chữ số).`,
      });
    if (!KINDS.includes(u.kind))
      problems.push({
        row: u.row,
        message: `Loại "${u.kind}" không hợp lệ: ghi một trong ${KINDS.join(', ')}.`,
      });
  }
  const byName = new Map(read.map((u) => [foldKey(u.name), u.code]));
  const units = read.map((u) => {
    const parentCode =
      u.parent === ''
        ? null
        : byCode.has(u.parent)
          ? u.parent
          : (byName.get(foldKey(u.parent)) ?? null);
    if (u.parent !== '' && !parentCode)
      problems.push({ row: u.row, message: `Đơn vị cấp trên "${u.parent}" không có trong tệp.` });
    return {
      code: u.code,
      name: u.name,
      kind: u.kind,
      parentCode,
      officialCode: u.official || null,
      area: u.area || null,
    };
  });
  if (units.length === 0) problems.push({ row: header.row, message: 'Tệp không có đơn vị nào.' });
  const fail = () =>
    new ApiError(
      422,
      'units_invalid',
      `Danh sách đơn vị có ${problems.length} lỗi; không có gì được thay đổi.`,
      problems.sort((a, b) => a.row - b.row),
    );
  if (problems.length > 0) throw fail();

  const date = now.toISOString().slice(0, 10);
  let set: UnitSet;
  try {
    set = loadUnitSet({
      code: `${campaign.id}-${date}-${randomId().slice(0, 8)}`,
      name: `Đơn vị của đợt ${campaign.name} (nhập ngày ${date})`,
      validFrom: date,
      units,
    });
  } catch (e) {
    throw new ApiError(
      422,
      'units_invalid',
      `Danh sách đơn vị không hợp lệ: ${(e as Error).message}`,
    );
  }
  const definition = await findDefinition(db, campaign.definitionId);
  if (!definition) throw new Error(`Không tìm thấy định nghĩa ${campaign.definitionId}.`);
  const fit = checkUnitsFitDefinition(definition, set);
  if (fit.length > 0)
    throw new ApiError(422, 'units_unfit', 'Danh sách đơn vị không khớp với bộ chỉ số.', fit);

  return inTransaction(db, async (trx) => {
    const codes = new Set(set.units.map((u) => u.code));
    const stranded = (
      await trx
        .selectFrom('respondent')
        .select(['name', 'unitCode'])
        .where('campaignId', '=', campaign.id)
        .where('unitCode', 'is not', null)
        .execute()
    ).filter((r) => r.unitCode && !codes.has(r.unitCode));
    if (stranded.length > 0) {
      const list = [...new Set(stranded.map((r) => r.unitCode))].join(', ');
      throw new ApiError(
        409,
        'units_in_use',
        `${stranded.length} người trong danh sách thuộc đơn vị không còn trong tệp (${list}), ví dụ ${stranded[0]?.name}: sửa hoặc xóa họ trước.`,
      );
    }
    const unitSetId = await saveUnitSet(trx, set);
    await trx.updateTable('campaign').set({ unitSetId }).where('id', '=', campaign.id).execute();
    await audit(trx, {
      user,
      action: 'units_imported',
      campaignId: campaign.id,
      target: file.name,
      details: { unitSet: set.code, units: set.units.length, previous: campaign.unitSetId },
    });
    return { unitSetId, code: set.code, units: set.units.length };
  });
}
