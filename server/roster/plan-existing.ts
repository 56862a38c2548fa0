import type { ExistingRespondent, PlanContext, PlannedRow } from './plan';
import type { Person } from './validate';

type Contact = Pick<Person, 'phone' | 'email'>;
/** Both have a phone and they differ: then a shared e-mail (an office mailbox) proves nothing. */
export const phonesDiffer = (a: Contact, b: Contact) =>
  !!a.phone && !!b.phone && a.phone !== b.phone;

const PERSON_FIELDS: (keyof Person)[] = [
  'name',
  'groupCode',
  'unitCode',
  'workplace',
  'position',
  'phone',
  'email',
];

/**
 * Finds each row's person on the roster already in the database (by phone, else e-mail, else
 * name in the same unit and group) and what an update would change. A name-only match with
 * contacts on either side, and a change of group, wait for the officer (`decisions.confirm`);
 * rows in `out` (duplicates, rows left out) are not matched.
 */
export function matchExisting(
  pc: PlanContext,
  rows: PlannedRow[],
  existing: ExistingRespondent[],
  out: ReadonlySet<PlannedRow>,
): void {
  const { add, label, nk, groupName, decisions } = pc;
  const dbPhone = new Map<string, ExistingRespondent>();
  const dbEmail = new Map<string, ExistingRespondent>();
  const dbName = new Map<string, ExistingRespondent[]>();
  for (const e of existing) {
    if (e.phone && !dbPhone.has(e.phone)) dbPhone.set(e.phone, e);
    if (e.email && !dbEmail.has(e.email)) dbEmail.set(e.email, e);
    const namesakes = dbName.get(nk(e));
    if (namesakes) namesakes.push(e);
    else dbName.set(nk(e), [e]);
  }
  const claimed = new Map<string, PlannedRow>();
  for (const r of rows) {
    const p = r.person;
    // An unresolved conflict is matched once the officer has kept one of its rows.
    if (!p || out.has(r) || r.problems.some((x) => x.code === 'group_conflict')) continue;
    let match: ExistingRespondent | undefined;
    let by: PlannedRow['matchedBy'];
    if (p.phone) [match, by] = [dbPhone.get(p.phone), 'phone'];
    if (!match && p.email) {
      const e = dbEmail.get(p.email);
      if (e && !phonesDiffer(e, p)) [match, by] = [e, 'email'];
    }
    if (!match && !decisions.distinct.has(r.row)) {
      const namesakes = dbName.get(nk(p)) ?? [];
      [match, by] = [namesakes.find((e) => !claimed.has(e.id)) ?? namesakes[0], 'name'];
    }
    if (!match) continue;
    const first = claimed.get(match.id);
    if (first) {
      add(
        r,
        'duplicate_in_file',
        `Trùng người với ${label(first)} (cùng một người đã có trong danh sách): dòng này không được nhập.`,
        { otherRow: first.row },
      );
      continue;
    }
    claimed.set(match.id, r);
    r.respondentId = match.id;
    r.matchedBy = by;
    if (
      by === 'name' &&
      (match.phone || match.email || p.phone || p.email) &&
      !decisions.confirm.has(r.row)
    ) {
      add(r, 'name_match', nameMatchMessage(match, p));
    }
    if (match.groupCode !== p.groupCode) {
      const from = groupName(match.groupCode);
      if (match.invitationStatus === 'submitted') {
        add(
          r,
          'already_submitted',
          `Người này đã nộp phiếu theo nhóm "${from}": không chuyển sang nhóm "${groupName(p.groupCode)}" được.`,
          { field: 'group' },
        );
      } else if (!decisions.confirm.has(r.row)) {
        add(
          r,
          'group_change',
          `Người này đã có trong danh sách thuộc nhóm "${from}"; tệp ghi nhóm "${groupName(p.groupCode)}". Mỗi người chỉ trả lời theo một nhóm: xác nhận để chuyển nhóm.`,
          { field: 'group' },
        );
      }
    }
    if (match.invitationStatus === 'revoked') {
      add(
        r,
        'invitation_revoked',
        'Đường dẫn của người này đã bị thu hồi; nhập lại không cấp đường dẫn mới.',
      );
    }
    r.merged = merge(match, p);
    r.changes = PERSON_FIELDS.filter((f) => r.merged?.[f] !== match[f]);
  }
}

/** The file's values; a blank phone, e-mail, position or workplace keeps what was known. */
function merge(old: Person, file: Person): Person {
  return {
    ...file,
    workplace: file.workplace ?? old.workplace,
    position: file.position ?? old.position,
    phone: file.phone ?? old.phone,
    email: file.email ?? old.email,
  };
}

function nameMatchMessage(old: Person, file: Person): string {
  const diff = (label: string, was: string | null, now: string | null) => {
    if (was === now) return [];
    if (!was) return [`danh sách chưa có ${label}, tệp ghi ${now}`];
    if (!now) return [`tệp không ghi ${label} (danh sách có ${was})`];
    return [`${label} khác (danh sách: ${was}, tệp: ${now})`];
  };
  const diffs = [
    ...diff('số điện thoại', old.phone, file.phone),
    ...diff('email', old.email, file.email),
  ];
  return (
    `Trùng họ tên, đơn vị và nhóm với "${old.name}" đã có trong danh sách, nhưng ${diffs.join('; ')}. ` +
    'Xác nhận "cùng người" để cập nhật người đó, hoặc "khác người" để thêm mới.'
  );
}
