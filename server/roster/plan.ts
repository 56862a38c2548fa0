import type { RowStatus } from '../../contract/console/roster';
import type { InvitationStatus } from '../db/schema';
import { matchExisting, phonesDiffer } from './plan-existing';
import { type ProblemCode, type ProblemExtra, problem } from './problems';
import { type CheckedRow, nameKey, type Person, type RowContext } from './validate';

/** A person already on the campaign's roster, with their invitation. */
export interface ExistingRespondent extends Person {
  id: string;
  invitationId: string | null;
  invitationStatus: InvitationStatus | null;
}

export type { RowStatus };

export interface PlannedRow extends CheckedRow {
  status: RowStatus;
  /** The respondent the row updates (update, unchanged, or proposed for confirm). */
  respondentId?: string;
  matchedBy?: 'phone' | 'email' | 'name';
  /** Fields an update changes. */
  changes?: (keyof Person)[];
  /** What the respondent becomes: blank cells never erase what is already known. */
  merged?: Person;
}

/** The officer's decisions, by row number. */
export interface Decisions {
  /** Rows accepted as proposed: a name-only match or a group change, or the row to keep of a conflict. */
  confirm: ReadonlySet<number>;
  /** Rows that are a different person from their namesake (in the file or on the roster). */
  distinct: ReadonlySet<number>;
}

export interface PlanContext {
  decisions: Decisions;
  groupName: (code: string) => string;
  add: (r: PlannedRow, code: ProblemCode, message: string, extra?: ProblemExtra) => void;
  /** "dòng 158 (STT 157)" */
  label: (r: PlannedRow) => string;
  /** The name-unit-group key, computed once per person. */
  nk: (p: Person) => string;
}

function planContext(
  ctx: Pick<RowContext, 'matchUnit'> & { groupName: (code: string) => string },
  decisions: Decisions,
): PlanContext {
  const keys = new WeakMap<Person, string>();
  return {
    decisions,
    groupName: ctx.groupName,
    add: (r, code, message, extra) => {
      r.problems.push(problem(r.row, r.stt, code, message, extra));
    },
    label: (r) => (r.stt ? `dòng ${r.row} (STT ${r.stt})` : `dòng ${r.row}`),
    nk: (p) => {
      let key = keys.get(p);
      if (key === undefined) {
        key = nameKey(p, ctx.matchUnit);
        keys.set(p, key);
      }
      return key;
    },
  };
}

/**
 * Decides what each row does against the roster (docs/method.md §16): the same person is
 * the same phone, else (when one side has no phone) the same e-mail, else the same normalised
 * name in the same unit and group. Pure: reads nothing, writes nothing.
 */
export function planRows(
  ctx: Pick<RowContext, 'matchUnit'> & { groupName: (code: string) => string },
  checked: CheckedRow[],
  existing: ExistingRespondent[],
  decisions: Decisions,
): PlannedRow[] {
  const rows: PlannedRow[] = checked.map((c) => ({
    ...c,
    problems: [...c.problems],
    status: 'new',
  }));
  const pc = planContext(ctx, decisions);
  const { add, label, nk } = pc;

  // 1. The same person twice in the file: the later row points at the first.
  const byPhone = new Map<string, PlannedRow>();
  const byEmail = new Map<string, PlannedRow>();
  const byName = new Map<string, PlannedRow>();
  const conflicts = new Map<PlannedRow, PlannedRow[]>();
  const out = new Set<PlannedRow>(); // duplicates: no further matching
  for (const r of rows) {
    const p = r.person;
    if (!p) continue;
    let anchor: PlannedRow | undefined;
    let via: 'phone' | 'email' | 'name' = 'phone';
    if (p.phone) anchor = byPhone.get(p.phone);
    if (!anchor && p.email) {
      const e = byEmail.get(p.email);
      if (e?.person && !phonesDiffer(e.person, p)) [anchor, via] = [e, 'email'];
    }
    if (!anchor && !decisions.distinct.has(r.row)) [anchor, via] = [byName.get(nk(p)), 'name'];
    const others = anchor ? (conflicts.get(anchor) ?? []) : [];
    const sameGroup = [anchor, ...others].find((a) => a?.person?.groupCode === p.groupCode);
    if (anchor && sameGroup) {
      const how = {
        phone: 'cùng số điện thoại',
        email: 'cùng email',
        name: 'cùng họ tên, đơn vị và nhóm',
      }[via];
      const hint = via === 'name' ? ' Nếu là hai người khác nhau, hãy xác nhận "khác người".' : '';
      add(
        r,
        'duplicate_in_file',
        `Trùng người với ${label(sameGroup)} (${how}): dòng này không được nhập.${hint}`,
        { otherRow: sameGroup.row, matchedBy: via },
      );
      out.add(r);
      continue;
    }
    if (anchor) conflicts.set(anchor, [...others, r]);
    if (p.phone && !byPhone.has(p.phone)) byPhone.set(p.phone, r);
    if (p.email && !byEmail.has(p.email)) byEmail.set(p.email, r);
    if (!byName.has(nk(p))) byName.set(nk(p), r);
  }

  // 2. One person in two groups (one person, one voice): the officer keeps one row.
  for (const [anchor, others] of conflicts) {
    const all = [anchor, ...others];
    const chosen = all.filter((r) => decisions.confirm.has(r.row));
    for (const r of all) {
      if (chosen.length === 1 && chosen[0] !== r) {
        add(r, 'chosen_other', `Bỏ qua theo lựa chọn: giữ ${label(chosen[0] as PlannedRow)}.`, {
          otherRow: chosen[0]?.row,
        });
        r.status = 'skipped';
        out.add(r);
      } else if (chosen.length !== 1) {
        const rest = all.filter((o) => o !== r);
        const where = rest
          .map((o) => `${label(o)} thuộc nhóm "${ctx.groupName(o.person?.groupCode ?? '')}"`)
          .join(', ');
        add(
          r,
          'group_conflict',
          `Cùng một người có ở ${where}; dòng này thuộc nhóm "${ctx.groupName(r.person?.groupCode ?? '')}". Mỗi người chỉ trả lời theo một nhóm: hãy chọn giữ một dòng.`,
          { otherRow: rest[0]?.row },
        );
      }
    }
  }

  // 3. Against the roster already in the database.
  matchExisting(pc, rows, existing, out);

  for (const r of rows) r.status = statusOf(r);
  return rows;
}

function statusOf(r: PlannedRow): RowStatus {
  if (r.problems.some((p) => p.severity === 'error')) return 'error';
  if (r.problems.some((p) => p.severity === 'confirm')) return 'confirm';
  if (r.status === 'skipped') return 'skipped';
  if (!r.respondentId) return 'new';
  return r.changes && r.changes.length > 0 ? 'update' : 'unchanged';
}
