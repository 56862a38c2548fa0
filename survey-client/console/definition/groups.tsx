import type { EditProps } from './edit';
import { shortTitle } from './edit';
import { ProblemText } from './problem-text';

/** Which questionnaires each respondent group answers (one tick per group × questionnaire). */
export function GroupsSection({ def, editable, edit, problemsAt }: EditProps) {
  return (
    <section class="panel def-section" aria-labelledby="groups-title">
      <h2 id="groups-title">Nhóm đối tượng và phiếu</h2>
      <ul class="group-list">
        {def.groups.map((g, gi) => {
          const problems = problemsAt(`group:${g.code}`);
          return (
            <li key={g.code} class={problems.length ? 'has-problem' : undefined}>
              <h3>{g.name}</h3>
              {editable ? (
                <fieldset>
                  <legend class="sr-only">Phiếu của nhóm {g.name}</legend>
                  {def.questionnaires.map((q) => (
                    <label key={q.id} class="check">
                      <input
                        type="checkbox"
                        checked={g.questionnaires.includes(q.id)}
                        onChange={(e) => {
                          const on = e.currentTarget.checked;
                          edit((d) => {
                            const x = d.groups[gi];
                            if (!x) return;
                            // Kept in the definition's order of questionnaires, as printed.
                            const ids = new Set(x.questionnaires);
                            if (on) ids.add(q.id);
                            else ids.delete(q.id);
                            x.questionnaires = d.questionnaires
                              .map((y) => y.id)
                              .filter((id) => ids.has(id));
                          });
                        }}
                      />
                      <span>
                        {shortTitle(q.title)}
                        <small>{q.title.split(':').slice(1).join(':').trim()}</small>
                      </span>
                    </label>
                  ))}
                </fieldset>
              ) : (
                <p>
                  {g.questionnaires
                    .map((id) =>
                      shortTitle(def.questionnaires.find((q) => q.id === id)?.title ?? id),
                    )
                    .join(', ') || 'Chưa được giao phiếu nào'}
                </p>
              )}
              <ProblemText messages={problems} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
