import { useState } from 'preact/hooks';
import { FIELD_LABELS, REQUIRED_FIELDS, ROSTER_FIELDS } from '../format';
import type { Column, ManualMapping, RosterField } from '../types';

/**
 * Which column of the file holds which field. Opened when the server was unsure of a column or
 * could not find a required one; applying sends the whole mapping, which the server then takes
 * as the officer's (sure) choice.
 */
export function MappingEditor({
  headers,
  columns,
  missing = [],
  busy,
  onApply,
}: {
  headers: string[];
  columns: Column[];
  missing?: RosterField[];
  busy: boolean;
  onApply: (mapping: ManualMapping) => void;
}) {
  const initial: ManualMapping = {};
  for (const f of ROSTER_FIELDS) initial[f] = columns.find((c) => c.field === f)?.header ?? null;
  const [draft, setDraft] = useState<ManualMapping>(initial);
  const unsure = new Set(columns.filter((c) => !c.sure).map((c) => c.field));
  const options = [...new Set(headers.filter((h) => h.trim() !== ''))];

  const choose = (field: RosterField, header: string) => {
    const next: ManualMapping = { ...draft };
    // One column feeds one field: taking it here frees it elsewhere.
    for (const f of ROSTER_FIELDS) if (header && next[f] === header) next[f] = null;
    next[field] = header || null;
    setDraft(next);
  };
  const lacking = REQUIRED_FIELDS.filter((f) => !draft[f]);

  return (
    <fieldset class="mapping">
      <legend>Ghép cột trong tệp với thông tin cần có</legend>
      <div class="mapping-grid">
        {ROSTER_FIELDS.map((f) => (
          <label
            key={f}
            class={missing.includes(f) ? 'missing' : unsure.has(f) ? 'unsure' : undefined}
          >
            <span>
              {FIELD_LABELS[f]}
              {REQUIRED_FIELDS.includes(f) && <span class="req"> (bắt buộc)</span>}
              {unsure.has(f) && <span class="flag"> — cần xác nhận</span>}
              {missing.includes(f) && <span class="flag"> — chưa tìm thấy</span>}
            </span>
            <select value={draft[f] ?? ''} onChange={(e) => choose(f, e.currentTarget.value)}>
              <option value="">(không dùng)</option>
              {options.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {lacking.length > 0 && (
        <p class="hint">Hãy chọn cột cho: {lacking.map((f) => FIELD_LABELS[f]).join(', ')}.</p>
      )}
      <button
        type="button"
        class="primary"
        disabled={busy || lacking.length > 0}
        onClick={() => onApply(draft)}
      >
        Xác nhận cách ghép cột và xem trước lại
      </button>
    </fieldset>
  );
}
