import { useState } from 'preact/hooks';
import type { Person } from '../../../contract/console/roster';
import { FormEnd } from '../parts/form-end';
import { CodeOptions } from '../parts/group-unit-filter';
import type { CampaignDetail, Invitation } from '../types';

/** An invitation row as the server lists it: the respondent's id and workplace come along. */
export type PersonRow = Invitation;

/** The person's fields, as the roster holds them (contract/console/roster.ts). */
export type PersonFields = Person;

/** The units a person can belong to: agencies, communes and towns (not the province). */
const UNIT_KINDS = new Set(['co_quan', 'xa', 'thi_tran']);

export function fieldsOf(row?: PersonRow): PersonFields {
  return {
    name: row?.name ?? '',
    groupCode: row?.groupCode ?? '',
    unitCode: row?.unitCode ?? null,
    workplace: row?.workplace ?? null,
    position: row?.position ?? null,
    phone: row?.phone ?? null,
    email: row?.email ?? null,
  };
}

/** Only the fields that differ from `before` (for a PATCH). */
export function changedFields(before: PersonFields, after: PersonFields): Partial<PersonFields> {
  const patch: Partial<PersonFields> = {};
  for (const k of Object.keys(after) as (keyof PersonFields)[]) {
    if ((after[k] ?? null) !== (before[k] ?? null)) Object.assign(patch, { [k]: after[k] });
  }
  return patch;
}

const OPTIONAL: [keyof PersonFields, string][] = [
  ['workplace', 'Nơi công tác'],
  ['position', 'Chức vụ'],
  ['phone', 'Điện thoại'],
  ['email', 'Thư điện tử'],
];

/** Name, group, unit (required when the group says so) and the optional contact fields. */
export function PersonForm({
  campaign,
  initial,
  title,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  campaign: CampaignDetail;
  initial: PersonFields;
  title: string;
  submitLabel: string;
  /** Resolves when saved; throws the ApiFailure to show. */
  onSubmit: (fields: PersonFields) => Promise<void>;
  onCancel: () => void;
}) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [groupCode, setGroupCode] = useState(initial.groupCode);
  const [unitCode, setUnitCode] = useState(initial.unitCode ?? '');
  const group = campaign.groups?.find((g) => g.code === groupCode);
  const units = campaign.units?.filter((u) => UNIT_KINDS.has(u.kind)) ?? [];

  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    const fields: PersonFields = {
      name: text('name'),
      groupCode: text('groupCode'),
      unitCode: text('unitCode') || null,
      workplace: text('workplace') || null,
      position: text('position') || null,
      phone: text('phone') || null,
      email: text('email') || null,
    };
    setError(null);
    setBusy(true);
    try {
      await onSubmit(fields);
    } catch (err) {
      setError(err);
    }
    setBusy(false);
  };

  return (
    <form class="panel stack person-form" onSubmit={submit} aria-label={title}>
      <h3>{title}</h3>
      <label>
        Họ và tên
        <input name="name" required maxLength={300} defaultValue={initial.name} />
      </label>
      <label>
        Nhóm đối tượng
        <select
          name="groupCode"
          required
          value={groupCode}
          onChange={(e) => setGroupCode((e.currentTarget as HTMLSelectElement).value)}
        >
          <option value="">— Chọn nhóm —</option>
          <CodeOptions items={campaign.groups} />
        </select>
      </label>
      <label>
        {group?.unitRequired ? 'Đơn vị' : 'Đơn vị (nếu có)'}
        <select
          name="unitCode"
          required={group?.unitRequired}
          value={unitCode}
          onChange={(e) => setUnitCode((e.currentTarget as HTMLSelectElement).value)}
        >
          <option value="">— Không theo đơn vị —</option>
          <CodeOptions items={units} />
        </select>
      </label>
      {OPTIONAL.map(([k, label]) => (
        <label key={k}>
          {label}
          <input
            name={k}
            type={k === 'email' ? 'email' : k === 'phone' ? 'tel' : 'text'}
            maxLength={1000}
            defaultValue={initial[k] ?? ''}
          />
        </label>
      ))}
      <FormEnd
        error={error}
        busy={busy}
        label={submitLabel}
        busyLabel="Đang lưu…"
        onCancel={onCancel}
      />
    </form>
  );
}
