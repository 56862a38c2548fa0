/** The server's messages for one field, next to it. */
export function ProblemText({ id, messages }: { id?: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <span class="field-problem" id={id}>
      {messages.join(' ')}
    </span>
  );
}
