import { Component, type ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { type Cell, cellKey, OPTIONS, type Option, type QuestionnaireView } from './sheets';

const KEYS: Record<string, Option> = {
  a: 'A',
  b: 'B',
  c: 'C',
  d: 'D',
  e: 'E',
  '1': 'A',
  '2': 'B',
  '3': 'C',
  '4': 'D',
  '5': 'E',
};

interface GridProps {
  questionnaires: QuestionnaireView[];
  /** Every cell in reading order (cellsOf): the keyboard moves along it. */
  cells: Cell[];
  answers: Record<string, Option>;
  onAnswer: (key: string, option: Option | null) => void;
  /** The server's problems per cell. */
  problems: Map<string, string[]>;
  /** Cells left empty, marked after a save that found some. */
  blanks: Set<string>;
  /** A letter on the last row: on to what follows the boxes (the comment, the save button). */
  onEnd: () => void;
}

/**
 * The sheets' boxes, one row per question (single) or per question × unit (matrix), A–E each.
 * Keyboard: a letter A–E (or 1–5) ticks the row and moves to the next; ↑/↓ move between rows
 * without changing them; Delete/Backspace empties a row; ←/→ change the tick as radios do.
 */
export function AnswerGrid({
  questionnaires,
  cells,
  answers,
  onAnswer,
  problems,
  blanks,
  onEnd,
}: GridProps) {
  const box = useRef<HTMLDivElement>(null);
  const index = new Map(cells.map((c, i) => [c.key, i]));

  const focusRow = (i: number) => {
    const root = box.current;
    if (i >= cells.length) return onEnd();
    if (!root || i < 0) return;
    const row = root.querySelectorAll<HTMLInputElement>(`input[data-i="${i}"]`);
    const target = [...row].find((r) => r.checked) ?? row[0];
    target?.focus();
    target?.closest('.cell-row')?.scrollIntoView?.({ block: 'nearest' });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const input = e.target as HTMLInputElement;
    const i = Number(input.dataset.i);
    const cell = cells[i];
    if (!cell || e.ctrlKey || e.metaKey || e.altKey) return;
    const option = KEYS[e.key.toLowerCase()];
    if (option) {
      e.preventDefault();
      onAnswer(cell.key, option);
      // At once, not after the render: the next key of a fast typist belongs to the next row.
      focusRow(i + 1);
    } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
      // Enter never submits the form from a box: the sheet is saved with its button only.
      e.preventDefault();
      focusRow(i + 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      focusRow(i - 1);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      onAnswer(cell.key, null);
    }
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: delegates the radios' own keys (above)
    <div class="answer-grid" ref={box} onKeyDown={onKeyDown}>
      {questionnaires.map((q) => (
        <section key={q.id} class={`sheet ${q.mode}`} aria-labelledby={`sheet-${q.id}`}>
          <h3 id={`sheet-${q.id}`}>{q.title}</h3>
          {q.mode === 'matrix' ? (
            <MatrixSheet q={q} {...{ answers, onAnswer, problems, blanks, index }} />
          ) : (
            <SingleSheet q={q} {...{ answers, onAnswer, problems, blanks, index }} />
          )}
        </section>
      ))}
    </div>
  );
}

interface SheetProps {
  q: QuestionnaireView;
  answers: Record<string, Option>;
  onAnswer: (key: string, option: Option | null) => void;
  problems: Map<string, string[]>;
  blanks: Set<string>;
  index: Map<string, number>;
}

function SingleSheet({ q, answers, onAnswer, problems, blanks, index }: SheetProps) {
  const unit = q.units[0];
  if (!unit) return null;
  let field = '';
  return (
    <>
      {q.questions.map((question, n) => {
        const key = cellKey(q.id, question.id, unit.code);
        const fieldName = q.fields.find((f) => f.code === question.fieldCode)?.name;
        const showField = question.fieldCode !== field && fieldName;
        field = question.fieldCode;
        const id = `q-${q.id}-${question.id}`;
        return (
          <div key={key}>
            {showField && <h4 class="field-name">{fieldName}</h4>}
            <Row
              cellKey={key}
              i={index.get(key) ?? 0}
              labelId={id}
              label={
                <p class="q" id={id}>
                  <span class="no">{n + 1}.</span> {question.text}
                </p>
              }
              options={question.options}
              showLabels
              value={answers[key]}
              onAnswer={onAnswer}
              problems={problems.get(key)}
              blank={blanks.has(key)}
            />
          </div>
        );
      })}
    </>
  );
}

function MatrixSheet({ q, answers, onAnswer, problems, blanks, index }: SheetProps) {
  return (
    <>
      {q.questions.map((question, n) => {
        const qid = `q-${q.id}-${question.id}`;
        return (
          <fieldset key={question.id} class="matrix-q">
            <legend id={qid}>
              <span class="no">Câu {n + 1}.</span> {question.text}
            </legend>
            <p class="scale">
              {question.options.map((o) => (
                <span key={o.code}>
                  <b>{o.code}</b>. {o.label}
                </span>
              ))}
            </p>
            {q.units.map((u) => {
              const key = cellKey(q.id, question.id, u.code);
              const uid = `${qid}-${u.code}`;
              return (
                <Row
                  key={key}
                  cellKey={key}
                  i={index.get(key) ?? 0}
                  labelId={`${qid} ${uid}`}
                  label={
                    <span class="unit-name" id={uid}>
                      {u.name}
                    </span>
                  }
                  options={question.options}
                  showLabels={false}
                  value={answers[key]}
                  onAnswer={onAnswer}
                  problems={problems.get(key)}
                  blank={blanks.has(key)}
                />
              );
            })}
          </fieldset>
        );
      })}
    </>
  );
}

interface RowProps {
  cellKey: string;
  i: number;
  labelId: string;
  /** Drawn from the sheet, which does not change while it is typed in. */
  label: ComponentChildren;
  options: { code: Option; label: string }[];
  showLabels: boolean;
  value: Option | undefined;
  /** Any version does: it updates the entry's state from the state before. */
  onAnswer: (key: string, option: Option | null) => void;
  problems: string[] | undefined;
  blank: boolean;
}

/**
 * A row drawn again only when what it shows changed. A key typed on a matrix sheet of 95 units
 * changes one row of 1,140; comparing all of them again took 280 ms a key (happy-dom; the office's
 * 280 ms in Chromium on a busy machine), so a fast typist's keys lagged: now 28 ms.
 */
class Row extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps) {
    const p = this.props;
    return (
      next.value !== p.value ||
      next.problems !== p.problems ||
      next.blank !== p.blank ||
      next.i !== p.i ||
      next.cellKey !== p.cellKey ||
      next.labelId !== p.labelId ||
      next.options !== p.options ||
      next.showLabels !== p.showLabels
    );
  }

  override render(props: RowProps) {
    return <RowView {...props} />;
  }
}

function RowView(props: RowProps) {
  const { cellKey: key, value, problems } = props;
  const cls = ['cell-row', problems ? 'has-problem' : '', props.blank && !value ? 'blank' : '']
    .filter(Boolean)
    .join(' ');
  const problemId = problems ? `p-${key}` : undefined;
  return (
    <div class={cls}>
      {props.label}
      <div
        class="opts"
        role="radiogroup"
        aria-labelledby={props.labelId}
        aria-describedby={problemId}
      >
        {OPTIONS.map((code) => {
          const o = props.options.find((x) => x.code === code);
          return (
            <label key={code} class={value === code ? 'opt on' : 'opt'}>
              <input
                type="radio"
                name={key}
                value={code}
                data-i={props.i}
                checked={value === code}
                onChange={() => props.onAnswer(key, code)}
              />
              <span class="letter">{code}</span>
              {props.showLabels ? (
                // "Không biết/Không trả lời" may break after its slash in a narrow box.
                <span class="lbl">{o?.label.split('/').join('/\u200b')}</span>
              ) : (
                <span class="sr-only">. {o?.label}</span>
              )}
            </label>
          );
        })}
      </div>
      {problems && (
        <p class="row-problem" id={problemId}>
          {problems.join(' ')}
        </p>
      )}
    </div>
  );
}
