import type { Definition } from '../../../questionnaires/schema';
import type { EditProps } from './edit';
import { ProblemText } from './problem-text';

type Weighting = Definition['method']['weighting'];
type Empty = Definition['method']['emptyCriterion'];

const WEIGHTINGS: [Weighting, string, string][] = [
  [
    'EQUAL_GROUP',
    'Các nhóm đối tượng ngang nhau (mặc định)',
    'Tỷ lệ của tiêu chí là trung bình tỷ lệ của các nhóm có trả lời, mỗi nhóm một trọng số.',
  ],
  [
    'POOLED',
    'Gộp mọi câu trả lời',
    'Mọi câu trả lời hợp lệ về tiêu chí có giá trị như nhau, không phân biệt nhóm.',
  ],
];
const EMPTIES: [Empty, string, string][] = [
  [
    'ZERO',
    'Tính 0 điểm (mặc định)',
    'Tiêu chí không có câu trả lời hợp lệ nào được 0 điểm và đánh dấu «không đủ dữ liệu».',
  ],
  [
    'RESCALE',
    'Bỏ ra và quy đổi',
    'Tiêu chí không có dữ liệu được bỏ ra; tổng điểm được quy đổi lại theo tổng điểm điều tra.',
  ],
];

const coefficients = (p: Definition['scaleProfiles'][number]) =>
  (['A', 'B', 'C', 'D'] as const)
    .map((o) => `${o} ${p.coefficients[o].replace('.', ',')}`)
    .join(' · ');

/** Scale profile, how groups are combined (and their weights), empty criteria, small groups. */
export function MethodSection(props: EditProps) {
  const { def, editable, edit, problemsAt } = props;
  const m = def.method;
  const profile = def.scaleProfiles.find((p) => p.code === m.scaleProfile);
  return (
    <section class="panel def-section" aria-labelledby="method-title">
      <h2 id="method-title">Cách tính điểm</h2>
      <div class="method-grid">
        <div>
          {editable ? (
            <label>
              Thang điểm (hệ số của A–D; E không tính)
              <select
                value={m.scaleProfile}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  edit((d) => {
                    d.method.scaleProfile = v;
                  });
                }}
              >
                {def.scaleProfiles.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.name}: {coefficients(p)}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <p>
              <b>Thang điểm:</b> {profile?.name ?? m.scaleProfile}
              {profile && ` — ${coefficients(profile)}`}
            </p>
          )}
          <ProblemText messages={problemsAt('method:scaleProfile')} />
        </div>
        <div>
          {editable ? (
            <label>
              Số phiếu tối thiểu để xem theo nhóm
              <input
                type="number"
                min={1}
                max={50}
                step={1}
                inputMode="numeric"
                value={String(m.minCellSize)}
                onInput={(e) => {
                  const v = Number(e.currentTarget.value);
                  edit((d) => {
                    d.method.minCellSize = v;
                  });
                }}
              />
            </label>
          ) : (
            <p>
              <b>Số phiếu tối thiểu để xem theo nhóm:</b> {m.minCellSize}
            </p>
          )}
          <p class="hint">Nhóm có ít phiếu hơn thì kết quả theo nhóm được ẩn (1–50; mặc định 3).</p>
          <ProblemText messages={problemsAt('method:minCellSize')} />
        </div>
      </div>
      <Choice
        {...props}
        legend="Cách gộp các nhóm đối tượng"
        name="weighting"
        choices={WEIGHTINGS}
      />
      {m.weighting === 'EQUAL_GROUP' && (
        <fieldset class="weights">
          <legend>Trọng số của từng nhóm (để trống là 1)</legend>
          {def.groups.map((g) => {
            const w = m.groupWeights[g.code] ?? '';
            return (
              <div key={g.code}>
                {editable ? (
                  <label>
                    {g.name}
                    <input
                      value={w}
                      inputMode="decimal"
                      placeholder="1"
                      maxLength={12}
                      onInput={(e) => {
                        const v = e.currentTarget.value.trim().replace(',', '.');
                        edit((d) => {
                          if (v === '') delete d.method.groupWeights[g.code];
                          else d.method.groupWeights[g.code] = v;
                        });
                      }}
                    />
                  </label>
                ) : (
                  <p>
                    {g.name}: <b>{w || '1'}</b>
                  </p>
                )}
                <ProblemText messages={problemsAt(`method:groupWeights:${g.code}`)} />
              </div>
            );
          })}
        </fieldset>
      )}
      <Choice
        {...props}
        legend="Tiêu chí không có câu trả lời hợp lệ"
        name="emptyCriterion"
        choices={EMPTIES}
      />
    </section>
  );
}

type ChoiceKey = 'weighting' | 'emptyCriterion';

/** A method setting chosen among a few (radio buttons), or the choice as text once open. */
function Choice<K extends ChoiceKey>({
  def,
  editable,
  edit,
  problemsAt,
  legend,
  name,
  choices,
}: EditProps & {
  legend: string;
  name: K;
  choices: [Definition['method'][K], string, string][];
}) {
  const value = def.method[name];
  if (!editable) {
    const c = choices.find(([v]) => v === value);
    return (
      <p>
        <b>{legend}:</b> {c ? `${c[1]} — ${c[2]}` : value}
      </p>
    );
  }
  return (
    <fieldset class="choice">
      <legend>{legend}</legend>
      {choices.map(([v, label, hint]) => (
        <label key={v} class="check">
          <input
            type="radio"
            name={name}
            value={v}
            checked={value === v}
            onChange={() =>
              edit((d) => {
                d.method[name] = v;
              })
            }
          />
          <span>
            {label}
            <small>{hint}</small>
          </span>
        </label>
      ))}
      <ProblemText messages={problemsAt(`method:${name}`)} />
    </fieldset>
  );
}
