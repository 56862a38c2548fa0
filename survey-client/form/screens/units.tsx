import { useState } from 'preact/hooks';
import type { QuestionnaireView } from '../../../contract/respondent';
import { byArea, findUnits, searchExample, unitOnEnter } from '../find';
import { type Ctx, MANY_UNITS, type Unit } from '../model';

/** Said of communes and of departments alike: the questionnaire's title above says which. */
export const UNITS_TITLE = 'Ông/Bà theo dõi, làm việc với những đơn vị nào?';

type Known = Set<string>;

function Box({ u, known, toggle }: { u: Unit; known: Known; toggle: (code: string) => void }) {
  return (
    <label class={`tile${known.has(u.code) ? ' on' : ''}`}>
      <input type="checkbox" checked={known.has(u.code)} onChange={() => toggle(u.code)} />
      <span>{u.name}</span>
    </label>
  );
}

/**
 * A matrix questionnaire asks only about the units the respondent ticks here. A short list (the
 * 13 communes of a district) is one list of boxes. A long one (95 communes of a province) is
 * searched as one types, without diacritics too, and grouped by former district; what is ticked
 * stays listed under it, each with a button to untick it.
 */
export function UnitsScreen({ qn, st, update }: Ctx & { qn: QuestionnaireView }) {
  const [query, setQuery] = useState('');
  const known: Known = new Set(st.known[qn.id] ?? []);
  // Kept in the questionnaire's order so the matrix blocks follow the printed list.
  const setKnown = (codes: Known) =>
    update((s) => ({
      known: { ...s.known, [qn.id]: qn.units.map((u) => u.code).filter((c) => codes.has(c)) },
    }));
  const change = (codes: string[], on: boolean) => {
    const next = new Set(known);
    for (const c of codes) on ? next.add(c) : next.delete(c);
    setKnown(next);
  };
  const toggle = (code: string) => change([code], !known.has(code));
  const all = (on: boolean) =>
    change(
      qn.units.map((u) => u.code),
      on,
    );
  const count = (
    <p role="status" id="units-count" tabIndex={-1}>
      Đã chọn {known.size}/{qn.units.length} đơn vị.
      {known.size === 0 &&
        ' Nếu không chọn đơn vị nào, phần đánh giá các đơn vị này sẽ được bỏ qua.'}
    </p>
  );
  const intro = (
    <p>
      Xin chọn những đơn vị Ông/Bà nắm rõ để đánh giá. Đơn vị không chọn sẽ được ghi nhận là «Không
      biết/Không trả lời».
    </p>
  );

  if (qn.units.length <= MANY_UNITS) {
    return (
      <>
        {intro}
        <div class="row">
          <button type="button" onClick={() => all(true)}>
            Chọn tất cả
          </button>
          <button type="button" onClick={() => all(false)}>
            Bỏ chọn tất cả
          </button>
        </div>
        <fieldset aria-labelledby="screen-title">
          {qn.units.map((u) => (
            <Box key={u.code} u={u} known={known} toggle={toggle} />
          ))}
        </fieldset>
        {count}
      </>
    );
  }

  const found = findUnits(qn.units, query);
  const picked = qn.units.filter((u) => known.has(u.code));
  const areas = byArea(found);
  // The search comes first, right under the questionnaire's introduction: on a phone whose
  // keyboard takes half the screen, the results must be just below the box.
  return (
    <>
      <label class="label" for="units-find" id="units-find-label">
        Tìm và chọn những đơn vị Ông/Bà nắm rõ để đánh giá
      </label>
      <p class="hint" id="units-find-hint">
        Gõ vài chữ trong tên, có dấu hay không dấu đều được, ví dụ «{searchExample(qn.units)}».
      </p>
      <div class="find">
        <input
          id="units-find"
          type="search"
          autoComplete="off"
          aria-describedby="units-find-hint"
          aria-controls="units-list"
          value={query}
          // To the top of the screen, so that the results show between it and the keyboard.
          onFocus={() => document.getElementById('units-find-label')?.scrollIntoView?.(true)}
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Enter on a search that finds one unit (by its own name, when the words also name a
            // former district) ticks it and clears the box for the next.
            const unit = e.key === 'Enter' ? unitOnEnter(qn.units, query) : undefined;
            if (!unit) return;
            e.preventDefault();
            change([unit.code], true);
            setQuery('');
          }}
        />
        {query && (
          <button type="button" onClick={() => setQuery('')}>
            Xoá
          </button>
        )}
      </div>
      <p class="hint" role="status">
        {!query.trim()
          ? ''
          : found.length
            ? `Tìm thấy ${found.length} đơn vị.`
            : 'Không tìm thấy đơn vị nào. Xin thử gõ ít chữ hơn.'}
      </p>
      <div id="units-list">
        {areas.map((a) =>
          a.name === null ? (
            <fieldset key="" aria-labelledby="screen-title">
              {a.units.map((u) => (
                <Box key={u.code} u={u} known={known} toggle={toggle} />
              ))}
            </fieldset>
          ) : (
            <AreaGroup
              key={`${query ? 'q' : ''}${a.name}`}
              name={a.name}
              units={a.units}
              known={known}
              toggle={toggle}
              change={query.trim() ? undefined : change}
            />
          ),
        )}
      </div>
      <section class="picked" aria-labelledby="units-count">
        <p class="hint">Đơn vị không chọn sẽ được ghi nhận là «Không biết/Không trả lời».</p>
        {count}
        {picked.map((u) => (
          <button
            key={u.code}
            type="button"
            class="chip"
            aria-label={`Bỏ chọn ${u.name}`}
            onClick={() => {
              toggle(u.code);
              document.getElementById('units-count')?.focus();
            }}
          >
            {u.name} <span aria-hidden="true">✕</span>
          </button>
        ))}
        <div class="row">
          {picked.length < qn.units.length && (
            <button type="button" onClick={() => all(true)}>
              Chọn tất cả {qn.units.length} đơn vị
            </button>
          )}
          {picked.length > 1 && (
            <button type="button" onClick={() => all(false)}>
              Bỏ chọn tất cả
            </button>
          )}
        </div>
      </section>
    </>
  );
}

interface AreaProps {
  name: string;
  units: Unit[];
  known: Known;
  toggle: (code: string) => void;
  /** Ticks or unticks the whole area: offered on the full list, not on a search's results. */
  change: ((codes: string[], on: boolean) => void) | undefined;
}

/**
 * One former district. On the full list it is folded (a province has dozens of communes) and says
 * how many of its units are ticked; a search's results show unfolded.
 */
function AreaGroup({ name, units, known, toggle, change }: AreaProps) {
  const ticked = units.filter((u) => known.has(u.code)).length;
  const boxes = (
    <fieldset>
      {/* Folded, the summary above already shows the name. */}
      <legend class={change ? 'sr' : undefined}>{name}</legend>
      {change && (
        <div class="row">
          <button
            type="button"
            aria-label={`${ticked === units.length ? 'Bỏ chọn' : 'Chọn'} cả khu vực ${name}`}
            onClick={() =>
              change(
                units.map((u) => u.code),
                ticked !== units.length,
              )
            }
          >
            {ticked === units.length ? 'Bỏ chọn cả khu vực' : 'Chọn cả khu vực'}
          </button>
        </div>
      )}
      {units.map((u) => (
        <Box key={u.code} u={u} known={known} toggle={toggle} />
      ))}
    </fieldset>
  );
  if (!change) return boxes;
  return (
    <details class="area">
      <summary>
        {name}{' '}
        <span class="hint">
          (đã chọn {ticked}/{units.length})
        </span>
      </summary>
      {boxes}
    </details>
  );
}
