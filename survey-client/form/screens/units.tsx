import type { QuestionnaireView } from '../../../contract/respondent';
import type { Ctx } from '../model';

export const UNITS_TITLE = 'Ông/Bà theo dõi, làm việc với những xã, thị trấn nào?';

/** A matrix questionnaire asks only about the units the respondent ticks here. */
export function UnitsScreen({ qn, st, update }: Ctx & { qn: QuestionnaireView }) {
  const known = new Set(st.known[qn.id] ?? []);
  // Kept in the questionnaire's order so the matrix blocks follow the printed list.
  const setKnown = (codes: Set<string>) =>
    update((s) => ({
      known: { ...s.known, [qn.id]: qn.units.map((u) => u.code).filter((c) => codes.has(c)) },
    }));
  const toggle = (code: string) => {
    const next = new Set(known);
    if (!next.delete(code)) next.add(code);
    setKnown(next);
  };
  return (
    <>
      <p>
        Xin chọn những đơn vị Ông/Bà nắm rõ để đánh giá. Đơn vị không chọn sẽ được ghi nhận là
        «Không biết/Không trả lời».
      </p>
      <div class="row">
        <button type="button" onClick={() => setKnown(new Set(qn.units.map((u) => u.code)))}>
          Chọn tất cả
        </button>
        <button type="button" onClick={() => setKnown(new Set())}>
          Bỏ chọn tất cả
        </button>
      </div>
      <fieldset aria-labelledby="screen-title">
        {qn.units.map((u) => (
          <label key={u.code} class={`tile${known.has(u.code) ? ' on' : ''}`}>
            <input type="checkbox" checked={known.has(u.code)} onChange={() => toggle(u.code)} />
            <span>{u.name}</span>
          </label>
        ))}
      </fieldset>
      <p role="status">
        Đã chọn {known.size}/{qn.units.length} đơn vị.
        {known.size === 0 &&
          ' Nếu không chọn đơn vị nào, phần đánh giá các xã, thị trấn sẽ được bỏ qua.'}
      </p>
    </>
  );
}
