import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../contract/console/roster';
import {
  problemFileName,
  problemRowCount,
  problemRowsCsv,
} from '../../../survey-client/console/parts/roster-problem-file';

const column = (field: string, index: number) => ({ field, index, header: field, sure: true });
const result = {
  fileName: 'Danh sách HĐND.xlsx',
  columns: [column('name', 0), column('group', 2), column('unit', 1), column('phone', 3)],
  rows: [
    { row: 2, stt: '1', status: 'new', values: { name: 'Lê Văn Tám' }, person: null },
    {
      row: 3,
      stt: '2',
      status: 'error',
      values: { name: 'Trần "Bé" Ba', unit: 'Phòng Ngoại vụ, huyện', phone: '0912' },
      person: null,
    },
    { row: 4, stt: null, status: 'confirm', values: { name: 'Ngô Thị Hoa' }, person: null },
    { row: 5, stt: null, status: 'update', values: { name: 'Đỗ Minh' }, person: null },
  ],
  problems: [
    { row: 3, stt: '2', code: 'unknown_unit', severity: 'error', message: 'Đơn vị sai.' },
    { row: 3, stt: '2', code: 'invalid_phone', severity: 'error', message: 'Số sai.' },
    { row: 3, stt: '2', code: 'no_contact', severity: 'warning', message: 'Cảnh báo.' },
    { row: 4, stt: null, code: 'name_match', severity: 'confirm', message: 'Cùng người?' },
  ],
} as unknown as ImportResult;

describe('the rows with problems as a file (issue #13.15)', () => {
  it('lists the rows not imported, the file’s columns under Vietnamese headers, the problems in words', () => {
    const csv = problemRowsCsv(result);
    expect(
      csv.startsWith('\ufeffDòng trong tệp gốc,Họ và tên,Đơn vị công tác,Nhóm đối tượng,'),
    ).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toEqual([
      {
        'Dòng trong tệp gốc': '3',
        'Họ và tên': 'Trần "Bé" Ba',
        'Đơn vị công tác': 'Phòng Ngoại vụ, huyện',
        'Nhóm đối tượng': '',
        'Số điện thoại': '0912',
        'Vấn đề cần sửa': 'Đơn vị sai. Số sai.',
      },
      {
        'Dòng trong tệp gốc': '4',
        'Họ và tên': 'Ngô Thị Hoa',
        'Đơn vị công tác': '',
        'Nhóm đối tượng': '',
        'Số điện thoại': '',
        'Vấn đề cần sửa': 'Cùng người?',
      },
    ]);
    expect(problemRowCount(result)).toBe(2);
    expect(problemFileName(result.fileName)).toBe('Danh sách HĐND-can-sua.csv');
  });
});
