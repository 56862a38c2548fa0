import { useEffect, useMemo } from 'preact/hooks';
import { count } from '../format';
import type { ImportResult } from '../types';
import { problemFileName, problemRowCount, problemRowsCsv } from './roster-problem-file';

/** "Tải các dòng cần sửa": the rows not imported, with their problems, as a CSV to fix. */
export function ProblemFile({ result }: { result: ImportResult }) {
  const n = problemRowCount(result);
  const href = useMemo(
    () =>
      n > 0 ? URL.createObjectURL(new Blob([problemRowsCsv(result)], { type: 'text/csv' })) : null,
    [result, n],
  );
  useEffect(() => () => (href ? URL.revokeObjectURL(href) : undefined), [href]);
  if (!href) return null;
  return (
    <p>
      <a class="button" href={href} download={problemFileName(result.fileName)}>
        Tải {count(n)} dòng cần sửa (.csv)
      </a>{' '}
      <span class="hint">mỗi dòng kèm vấn đề cần sửa; sửa xong, chọn lại tệp này để nhập</span>
    </p>
  );
}
