import type { QuestionnaireView } from '../../../contract/respondent';
import type { Ctx } from '../model';

/** The open question: optional, free text, kept as typed (trimmed only when sent). */
export function CommentScreen({
  qn,
  text,
  st,
  update,
}: Ctx & { qn: QuestionnaireView; text: string }) {
  const id = `comment-${qn.id}`;
  return (
    <>
      <label class="label" for={id}>
        {text}
      </label>
      <p class="hint" id={`${id}-hint`}>
        Không bắt buộc. Xin đừng ghi họ tên hay chi tiết làm lộ danh tính.
      </p>
      <textarea
        id={id}
        aria-describedby={`${id}-hint`}
        rows={6}
        maxLength={4000}
        value={st.comments[qn.id] ?? ''}
        onInput={(e) => {
          const value = e.currentTarget.value;
          update((s) => ({ comments: { ...s.comments, [qn.id]: value } }));
        }}
      />
    </>
  );
}
