import { fireEvent, screen } from '@testing-library/preact';
import type { ImportResult } from '../../../survey-client/console/types';
import { type Call, campaign, type errorReply, fakeServer, settle, signedIn } from './helpers';

/** The roster endpoints' answers (server/roster/import.ts, ImportResult) and a file picker. */
export const BASE = '/api/campaigns/c2024/roster';

export function result(patch: Partial<ImportResult> = {}): ImportResult {
  return {
    campaignId: 'c2024',
    fileName: 'danh-sach.xlsx',
    fileHash: 'hash-1',
    format: 'xlsx',
    headerRow: 3,
    columns: [
      { field: 'stt', index: 0, header: 'STT', sure: true },
      { field: 'name', index: 1, header: 'Họ và tên', sure: true },
      { field: 'unit', index: 2, header: 'Đơn vị công tác', sure: true },
      { field: 'group', index: 3, header: 'Nhóm', sure: true },
      { field: 'phone', index: 4, header: 'SĐT', sure: true },
    ],
    ignoredHeaders: ['Ghi chú riêng'],
    dryRun: true,
    committed: false,
    summary: {
      total: 4,
      new: 2,
      updated: 0,
      unchanged: 0,
      confirm: 1,
      skipped: 0,
      invalid: 1,
      warnings: 0,
    },
    problems: [
      {
        row: 5,
        stt: '2',
        code: 'unknown_unit',
        severity: 'error',
        field: 'unit',
        message: 'Không nhận ra đơn vị "xã Tân Hung". Có phải "UBND xã Tân Hưng"?',
        suggestions: ['UBND xã Tân Hưng'],
      },
      {
        row: 6,
        stt: null,
        code: 'name_match',
        severity: 'confirm',
        message: 'Trùng họ tên, đơn vị và nhóm với "Lê Văn Tám" đã có trong danh sách.',
      },
    ],
    rows: [
      {
        row: 4,
        stt: '1',
        status: 'new',
        values: { name: 'Nguyễn Văn An', unit: 'xã An Phú', group: 'LĐ xã' },
        person: null,
      },
      {
        row: 5,
        stt: '2',
        status: 'error',
        values: { name: 'Trần Bình', unit: 'xã Tân Hung', group: 'LĐ xã' },
        person: null,
      },
      {
        row: 6,
        stt: null,
        status: 'confirm',
        values: { name: 'Lê Văn Tám', unit: 'xã An Phú', group: 'LĐ xã' },
        person: null,
      },
      {
        row: 7,
        stt: '4',
        status: 'new',
        values: { name: 'Phạm Thị Dung', unit: 'Phòng Nội vụ', group: 'Công chức' },
        person: null,
      },
    ],
    ...patch,
  };
}

export function serve(preview: ImportResult | ReturnType<typeof errorReply> = result()) {
  return fakeServer({
    ...signedIn('officer'),
    'GET /api/campaigns/c2024': { status: 200, body: campaign() },
    [`POST ${BASE}/preview`]: 'status' in preview ? preview : { status: 200, body: preview },
  });
}

export async function pickFile(name = 'danh-sach.xlsx') {
  const input = screen.getByLabelText('Chọn tệp danh sách') as HTMLInputElement;
  const file = new File(['xlsx bytes'], name);
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
  await settle();
  return file;
}

export const form = (c: Call | undefined) => c?.body as FormData;
