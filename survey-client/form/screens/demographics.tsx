import type { Ctx } from '../model';
import { OptionTiles } from '../parts/option-tiles';

/** Optional questions about the respondent: every one can be left blank or cleared. */
export function DemographicsScreen({ view, st, update }: Ctx) {
  const set = (key: string, value: string | undefined) =>
    update((s) => {
      const demographics = { ...s.demographics };
      if (value === undefined) delete demographics[key];
      else demographics[key] = value;
      return { demographics };
    });
  return (
    <>
      <p>Các câu dưới đây không bắt buộc, chỉ dùng để tổng hợp chung.</p>
      {view.demographics.map((d) => (
        <fieldset key={d.key} class="q">
          <legend>{d.label}</legend>
          <OptionTiles
            name={`demo-${d.key}`}
            options={d.options.map((o) => ({ code: o, label: o }))}
            value={st.demographics[d.key]}
            onPick={(v) => set(d.key, v)}
          />
          {st.demographics[d.key] !== undefined && (
            <button
              type="button"
              class="link"
              aria-label={`Bỏ chọn: ${d.label}`}
              onClick={() => set(d.key, undefined)}
            >
              Bỏ chọn
            </button>
          )}
        </fieldset>
      ))}
    </>
  );
}
