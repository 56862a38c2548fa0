import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { EditProps } from './edit';
import { shortTitle } from './edit';
import { showPoints } from './points';
import { ProblemText } from './problem-text';

const MODES = { single: 'một đơn vị', matrix: 'nhiều đơn vị (bảng câu hỏi × đơn vị)' };

/** Each questionnaire with its questions: wording (editable), criterion and answer labels. */
export function QuestionnairesSection({ def, editable, edit, problemsAt }: EditProps) {
  const labels = new Map(def.labelSets.map((l) => [l.code, l.labels]));
  return (
    <section class="panel def-section" aria-labelledby="questionnaires-title">
      <h2 id="questionnaires-title">Phiếu và câu hỏi</h2>
      {def.questionnaires.map((q, qi) => {
        const index = def.indexes.find((i) => i.code === q.index);
        const criteria = new Map(
          index?.fields.flatMap((f) => f.criteria.map((c) => [c.code, c] as const)) ?? [],
        );
        const groups = def.groups.filter((g) => g.questionnaires.includes(q.id));
        const own = problemsAt(`questionnaire:${q.id}`);
        const troubled =
          own.length > 0 || q.questions.some((x) => problemsAt(`question:${q.id}:${x.id}`).length);
        return (
          <Details key={q.id} open={troubled}>
            <summary>
              <span class="title">{q.title}</span>
              <small>
                {q.questions.length} câu · {index?.name ?? q.index} · đánh giá {MODES[q.mode]} ·{' '}
                {groups.length ? groups.map((g) => g.name).join('; ') : 'chưa giao cho nhóm nào'}
              </small>
            </summary>
            <ProblemText messages={own} />
            <ol class="questions">
              {q.questions.map((x, xi) => {
                const key = `question:${q.id}:${x.id}`;
                const problems = problemsAt(key);
                const c = criteria.get(x.criterion);
                const l = labels.get(x.labelSet);
                const id = `qt-${q.id}-${x.id}`;
                return (
                  <li key={x.id} class={problems.length ? 'has-problem' : undefined}>
                    {editable ? (
                      <label>
                        <span class="sr-only">
                          {shortTitle(q.title)}, câu {xi + 1}
                        </span>
                        <textarea
                          rows={2}
                          maxLength={1000}
                          value={x.text}
                          aria-describedby={`${id}-meta${problems.length ? ` ${id}-p` : ''}`}
                          onInput={(e) => {
                            const v = e.currentTarget.value;
                            edit((d) => {
                              const y = d.questionnaires[qi]?.questions[xi];
                              if (y) y.text = v;
                            });
                          }}
                        />
                      </label>
                    ) : (
                      <p class="text">{x.text}</p>
                    )}
                    <p class="meta" id={`${id}-meta`}>
                      <span>
                        Tiêu chí <b>{x.criterion}</b>
                        {c && ` — ${c.name} (tối đa ${showPoints(c.maxPoints)} điểm)`}
                      </span>
                      <span>
                        Nhãn: {l ? `A. ${l.A} · B. ${l.B} · C. ${l.C} · D. ${l.D}` : x.labelSet} ·
                        E. {def.dontKnowLabel}
                      </span>
                    </p>
                    <ProblemText id={`${id}-p`} messages={problems} />
                  </li>
                );
              })}
            </ol>
            {q.comment && (
              <p class="comment-q">
                <b>Câu hỏi ý kiến (không tính điểm):</b> {q.comment.text}
              </p>
            )}
          </Details>
        );
      })}
    </section>
  );
}

/**
 * A questionnaire's fold: opened when the server finds a problem inside, never closed by the
 * page (only by the officer), so fixing or discarding does not fold away what they were reading.
 */
function Details({ open, children }: { open: boolean; children: ComponentChildren }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (open && ref.current) ref.current.open = true;
  }, [open]);
  return (
    <details ref={ref} class="questionnaire">
      {children}
    </details>
  );
}
