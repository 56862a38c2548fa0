import { useState } from 'preact/hooks';
import { ApiFailure, api, campaignApi } from '../api';
import { count, FIELD_LABELS } from '../format';
import { pickAgain } from '../parts/file-pick';
import { Link } from '../parts/link';
import { Done, ErrorNotice, Loading } from '../parts/notice';
import { type Decisions, NO_DECISIONS } from '../parts/roster-decisions';
import { MappingEditor } from '../parts/roster-mapping';
import { Preview } from '../parts/roster-preview';
import { ProblemFile } from '../parts/roster-problem-link';
import { ProblemList } from '../parts/roster-report';
import { campaignPath } from '../router';
import type { Column, ImportResult, ManualMapping, RosterField } from '../types';
import type { CampaignProps } from './campaign';

/** What a 422 about the columns carries (server/roster/import.ts): the file's headers. */
interface ColumnTrouble {
  headers: string[];
  headerRow: number;
  columns: Column[];
  missing: RosterField[];
}

type Stage =
  | { k: 'idle' }
  | { k: 'busy'; what: string }
  | { k: 'preview'; result: ImportResult; notCommitted?: boolean }
  | { k: 'columns'; trouble: ColumnTrouble }
  | { k: 'done'; result: ImportResult };

/** The import's form fields of the officer's decisions. */
const decisionFields = (d: Decisions) => ({
  confirm: JSON.stringify(d.confirm),
  distinct: JSON.stringify(d.distinct),
  choose: JSON.stringify(d.choose),
});

/**
 * Roster import: pick the office's .xlsx/.csv → dry run (summary, columns, problems by row,
 * rows to confirm) → import everything, or only the valid rows → what was written.
 */
export function Roster({ campaign }: CampaignProps) {
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ k: 'idle' });
  const [mapping, setMapping] = useState<ManualMapping>({});
  const [decisions, setDecisions] = useState<Decisions>(NO_DECISIONS);
  const [error, setError] = useState<unknown>(null);
  // The preview before any decision: its questions stay on screen, to be changed, after a
  // preview with the decisions has resolved them.
  const [asked, setAsked] = useState<ImportResult | null>(null);
  const closed = campaign.phase === 'closed';

  const send = async (
    kind: 'preview' | 'import',
    f: File,
    map: ManualMapping,
    extra: Record<string, string> = {},
  ) => {
    const body = new FormData();
    body.append('file', f, f.name);
    if (Object.keys(map).length > 0) body.append('mapping', JSON.stringify(map));
    for (const [k, v] of Object.entries(extra)) body.append(k, v);
    return api<ImportResult>('POST', campaignApi(campaign.id, `/roster/${kind}`), body);
  };

  /** A dry run; with the officer's decisions so far, it shows what they would do. */
  const preview = async (f: File, map: ManualMapping, keep: Decisions = NO_DECISIONS) => {
    setError(null);
    setStage({ k: 'busy', what: 'Đang đọc tệp và kiểm tra từng dòng…' });
    try {
      const result = await send('preview', f, map, decisionFields(keep));
      setMapping(map);
      setDecisions(keep);
      if (keep === NO_DECISIONS) setAsked(result);
      setStage({ k: 'preview', result });
    } catch (e) {
      const details =
        e instanceof ApiFailure ? (e.details as ColumnTrouble | undefined) : undefined;
      setStage(details?.headers ? { k: 'columns', trouble: details } : { k: 'idle' });
      setError(e);
    }
  };

  const commit = async (result: ImportResult, skipInvalid: boolean) => {
    if (!file) return;
    setError(null);
    setStage({ k: 'busy', what: 'Đang nhập danh sách…' });
    // The mapping the preview used, made explicit, so the import reads the file the same way.
    const map: ManualMapping = { ...mapping };
    for (const c of result.columns) map[c.field] ??= c.header;
    try {
      const done = await send('import', file, map, {
        skipInvalid: String(skipInvalid),
        ...decisionFields(decisions),
        fileHash: result.fileHash,
      });
      setStage(
        done.committed
          ? { k: 'done', result: done }
          : { k: 'preview', result: done, notCommitted: true },
      );
    } catch (e) {
      setError(e);
      setStage({ k: 'preview', result });
    }
  };

  const pick = (e: Event) => {
    const f = (e.currentTarget as HTMLInputElement).files?.[0] ?? null;
    setFile(f);
    setMapping({});
    if (f) preview(f, {});
    else setStage({ k: 'idle' });
  };

  return (
    <>
      <h2>Nhập danh sách người được khảo sát</h2>
      <p class="hint">
        Tệp Excel (.xlsx) hoặc .csv, mỗi người một dòng, có các cột {FIELD_LABELS.name},{' '}
        {FIELD_LABELS.unit}, {FIELD_LABELS.group} (và nếu có: {FIELD_LABELS.phone},{' '}
        {FIELD_LABELS.email}, {FIELD_LABELS.position}). Người đã có trong danh sách được cập nhật,
        đường dẫn của họ vẫn dùng được.
      </p>
      <p>
        <a class="button" href={campaignApi(campaign.id, '/roster/template.xlsx')} download>
          Tải tệp mẫu (.xlsx)
        </a>{' '}
        <span class="hint">
          các cột đúng tên, một dòng ví dụ, chọn nhóm đối tượng và đơn vị của đợt khảo sát này
        </span>
      </p>
      {closed && (
        <p class="notice" role="status">
          Đợt khảo sát đã đóng: chỉ xem trước được, không nhập được.
        </p>
      )}
      <label class="file">
        Chọn tệp danh sách
        <input
          type="file"
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onClick={pickAgain}
          onChange={pick}
        />
      </label>
      {error !== null && (
        <ErrorNotice error={error} onRetry={file ? () => preview(file, mapping) : undefined} />
      )}
      {stage.k === 'busy' && <Loading what={stage.what} />}
      {stage.k === 'columns' && file && (
        <MappingEditor
          headers={stage.trouble.headers}
          columns={stage.trouble.columns}
          missing={stage.trouble.missing}
          busy={false}
          onApply={(m) => preview(file, m)}
        />
      )}
      {stage.k === 'preview' && file && (
        <Preview
          result={stage.result}
          asked={asked ?? stage.result}
          notCommitted={stage.notCommitted ?? false}
          closed={closed}
          decisions={decisions}
          onDecisions={setDecisions}
          onMapping={(m) => preview(file, m)}
          onRecheck={() => preview(file, mapping, decisions)}
          onImport={(skip) => commit(stage.result, skip)}
        />
      )}
      {stage.k === 'done' && (
        <section class="panel" aria-labelledby="done-title">
          <h2 id="done-title">Đã nhập danh sách</h2>
          <Done>
            Đã nhập {count(stage.result.summary.new)} người mới, cập nhật{' '}
            {count(stage.result.summary.updated)} người, {count(stage.result.summary.unchanged)}{' '}
            người không đổi.
            {stage.result.summary.invalid + stage.result.summary.confirm > 0 &&
              ` Chưa nhập ${count(stage.result.summary.invalid + stage.result.summary.confirm)} dòng (xem bên dưới).`}
          </Done>
          <ProblemList problems={stage.result.problems.filter((p) => p.severity !== 'info')} />
          <ProblemFile result={stage.result} />
          <p>
            <Link href={campaignPath(campaign.id, 'invitations')}>
              Xem lời mời và in phiếu mời →
            </Link>
          </p>
        </section>
      )}
    </>
  );
}
