/**
 * The roster as the console and the server exchange it: the columns a file can have and their
 * labels, a row's problems, and the import's preview or result
 * (`POST /api/campaigns/:id/roster/import`). Constants, and the types of roster-schema.ts's zod
 * schemas (type-only: the console takes the constants and gets no zod).
 */

/** The columns a roster can have. `unit` is the "Đơn vị công tác" column. */
export const ROSTER_FIELDS = [
  'stt',
  'name',
  'position',
  'unit',
  'group',
  'phone',
  'email',
  'note',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** Without these three a row cannot be placed (docs/contract.md). */
export const REQUIRED_FIELDS: readonly RosterField[] = ['name', 'unit', 'group'];

export const FIELD_LABELS: Record<RosterField, string> = {
  stt: 'STT',
  name: 'Họ và tên',
  position: 'Chức vụ',
  unit: 'Đơn vị công tác',
  group: 'Nhóm đối tượng',
  phone: 'Số điện thoại',
  email: 'Email',
  note: 'Ghi chú',
};

/** The "Ghi chú" of the example row of the roster template: a row still saying it is refused. */
export const TEMPLATE_EXAMPLE_NOTE = 'Dòng ví dụ: xóa dòng này trước khi nhập';

/** A manual mapping: field → the header text of its column; null leaves the field out. */
export type ManualMapping = Partial<Record<RosterField, string | null>>;

export type {
  Column,
  ImportResult,
  ImportRow,
  ImportSummary,
  Person,
  Problem,
  ProblemCode,
  RosterChoices,
  RowStatus,
  Severity,
} from './roster-schema';
