import { ApiFailure } from '../api';

/** One line of an imported file that the server refused, from an error's `details`. */
export interface RowProblem {
  row: number;
  message: string;
}

/** The row problems an import failure carries (none for any other error). */
export const rowProblems = (e: unknown): RowProblem[] =>
  e instanceof ApiFailure && Array.isArray(e.details)
    ? (e.details as RowProblem[]).filter((d) => typeof d?.row === 'number')
    : [];

/** The refused rows of an imported file, "Dòng 7: …", one per line; nothing when none. */
export function RowProblems({ problems, label }: { problems: RowProblem[]; label?: string }) {
  if (problems.length === 0) return null;
  return (
    <ul class="problems" aria-label={label}>
      {problems.map((p) => (
        <li key={`${p.row}-${p.message}`}>
          Dòng {p.row}: {p.message}
        </li>
      ))}
    </ul>
  );
}
