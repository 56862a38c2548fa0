import ExcelJS from 'exceljs';
import { TEMPLATE_EXAMPLE_NOTE } from '../../contract/console/roster';
import { unitKindName } from '../../contract/console/unit-kinds';
import type { Group } from '../../questionnaires';
import { FIELD_LABELS, ROSTER_FIELDS } from './headers';
import { type UnitLike, workplaceUnits } from './match';

/** Rows of the list that get the drop-downs of groups and units (an office's list is shorter). */
const ROWS_WITH_CHOICES = 2000;

/** "A", "B", … for the first 26 columns. */
const letter = (i: number) => String.fromCharCode(65 + i);

/** A header row in bold on grey, frozen, with widths for reading. */
function headed(sheet: ExcelJS.Worksheet, headers: string[], widths: number[]) {
  sheet.columns = headers.map((header, i) => ({ header, width: widths[i] ?? 20 }));
  const row = sheet.getRow(1);
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/**
 * The roster template of a campaign (`GET …/roster/template.xlsx`): sheet "Danh sách" with the
 * columns the import reads, under their Vietnamese headers, and one example row; its "Nhóm đối
 * tượng" and "Đơn vị công tác" cells offer the campaign's groups and units (sheets "Nhóm đối
 * tượng" and "Đơn vị", which also say which groups must name a unit). A unit outside the list is
 * let through (a delegate's workplace is free text); the import checks every cell anyway.
 */
export async function rosterTemplate(opts: {
  campaignName: string;
  groups: Group[];
  units: UnitLike[];
}): Promise<Buffer> {
  const units = workplaceUnits(opts.units);
  const book = new ExcelJS.Workbook();
  book.title = `Danh sách người được khảo sát — ${opts.campaignName}`;

  const list = book.addWorksheet('Danh sách');
  headed(
    list,
    ROSTER_FIELDS.map((f) => FIELD_LABELS[f]),
    [6, 28, 22, 36, 40, 16, 28, 36],
  );
  const group = opts.groups.find((g) => g.unitRequired) ?? opts.groups[0];
  const unit = units.find((u) => u.kind === 'co_quan') ?? units[0];
  const example: Record<(typeof ROSTER_FIELDS)[number], string | number> = {
    stt: 1,
    name: 'Nguyễn Văn An',
    position: 'Trưởng phòng',
    unit: unit?.name ?? '',
    group: group?.name ?? '',
    phone: '0912345678',
    email: 'nguyenvanan@example.gov.vn',
    note: TEMPLATE_EXAMPLE_NOTE,
  };
  list.addRow(ROSTER_FIELDS.map((f) => example[f]));
  list.getColumn(ROSTER_FIELDS.indexOf('phone') + 1).numFmt = '@';
  list.getRow(2).font = { italic: true, color: { argb: 'FF555555' } };

  const groups = book.addWorksheet('Nhóm đối tượng');
  headed(
    groups,
    ['Nhóm đối tượng', 'Phải ghi đơn vị công tác', 'Cách ghi khác được nhận'],
    [48, 24, 60],
  );
  for (const g of opts.groups) {
    groups.addRow([g.name, g.unitRequired ? 'Có' : 'Không', g.aliases.join('; ')]);
  }
  const places = book.addWorksheet('Đơn vị');
  headed(places, ['Đơn vị công tác', 'Loại đơn vị'], [48, 26]);
  for (const u of units) places.addRow([u.name, unitKindName(u.kind)]);

  const col = (f: (typeof ROSTER_FIELDS)[number]) => letter(ROSTER_FIELDS.indexOf(f));
  for (let r = 2; r <= ROWS_WITH_CHOICES + 1; r++) {
    list.getCell(`${col('group')}${r}`).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`'Nhóm đối tượng'!$A$2:$A$${opts.groups.length + 1}`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Nhóm đối tượng',
      error: 'Chọn một nhóm trong danh sách (xem trang «Nhóm đối tượng»).',
    };
    if (units.length > 0) {
      list.getCell(`${col('unit')}${r}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`'Đơn vị'!$A$2:$A$${units.length + 1}`],
        // A delegate's workplace may be outside the list: said, not refused.
        showErrorMessage: true,
        errorStyle: 'information',
        errorTitle: 'Đơn vị công tác',
        error:
          'Đơn vị này không có trong danh sách (trang «Đơn vị»): chỉ được với nhóm không phải ghi đơn vị.',
      };
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
