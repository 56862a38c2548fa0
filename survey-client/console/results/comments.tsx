import { useState } from 'preact/hooks';
import { api, campaignApi } from '../api';
import { count } from '../format';
import { Done, ErrorNotice, Loading } from '../parts/notice';
import type { Campaign } from '../types';
import { useLoad } from '../use-load';
import type { CommentStatus, CommentView } from './types';

const STATUS_NAMES: Record<CommentStatus, string> = {
  pending: 'Chưa duyệt',
  cleared: 'Đã duyệt, công bố',
  withheld: 'Không công bố',
};
const FILTERS: [CommentStatus | 'all', string][] = [
  ['all', 'Tất cả'],
  ['pending', 'Chưa duyệt'],
  ['cleared', 'Đã duyệt'],
  ['withheld', 'Không công bố'],
];

/**
 * Review of the free-text comments (analysts): a respondent may name someone, so a comment is
 * exported only once an analyst has saved the version to publish, names blanked; an empty
 * version withholds it (server/results/comments.ts). The respondent's own words stay as written.
 */
export function CommentsScreen({ campaign }: { campaign: Campaign }) {
  if (campaign.phase !== 'closed')
    return (
      <p class="notice" role="status">
        Ý kiến góp ý chỉ xem được sau khi đóng đợt khảo sát.
      </p>
    );
  return <CommentList campaignId={campaign.id} />;
}

/** Comments shown at a time: each is a card with its own editor. */
const PAGE = 50;

function CommentList({ campaignId }: { campaignId: string }) {
  const loaded = useLoad<CommentView[]>(campaignApi(campaignId, '/comments'));
  const [filter, setFilter] = useState<CommentStatus | 'all'>('all');
  const [limit, setLimit] = useState(PAGE);
  const all = loaded.data;
  if (!all)
    return loaded.error !== undefined ? (
      <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
    ) : (
      <Loading />
    );
  const n = (s: CommentStatus) => all.filter((c) => c.status === s).length;
  const shown = filter === 'all' ? all : all.filter((c) => c.status === filter);
  const update = (next: CommentView) =>
    loaded.setData((old) => old?.map((c) => (c.id === next.id ? next : c)));
  return (
    <>
      <h2>Duyệt ý kiến góp ý</h2>
      <p class="lead">
        {count(all.length)} ý kiến: {count(n('pending'))} chưa duyệt, {count(n('cleared'))} đã
        duyệt, {count(n('withheld'))} không công bố. Chỉ ý kiến đã duyệt (bản đã xóa tên) có trong
        tệp tải về.
      </p>
      <p class="exports">
        <a class="button" href={campaignApi(campaignId, '/comments.csv')} download>
          Tải ý kiến đã duyệt (.csv)
        </a>
      </p>
      <fieldset class="segmented">
        <legend class="sr-only">Lọc theo trạng thái</legend>
        {FILTERS.map(([f, label]) => (
          <button
            key={f}
            type="button"
            aria-pressed={filter === f}
            onClick={() => {
              setFilter(f);
              setLimit(PAGE);
            }}
          >
            {label}
          </button>
        ))}
      </fieldset>
      {shown.length === 0 ? (
        <p>Không có ý kiến nào.</p>
      ) : (
        <>
          <ol class="r-comments">
            {shown.slice(0, limit).map((c) => (
              <CommentItem key={c.id} campaignId={campaignId} comment={c} onSaved={update} />
            ))}
          </ol>
          {shown.length > limit && (
            <p class="actions">
              <span class="hint">
                Đang hiện {count(limit)} trên {count(shown.length)} ý kiến.
              </span>{' '}
              <button type="button" onClick={() => setLimit(limit + PAGE)}>
                Xem thêm {count(Math.min(PAGE, shown.length - limit))} ý kiến
              </button>
            </p>
          )}
        </>
      )}
    </>
  );
}

function CommentItem({
  campaignId,
  comment,
  onSaved,
}: {
  campaignId: string;
  comment: CommentView;
  onSaved: (c: CommentView) => void;
}) {
  const [text, setText] = useState(comment.redactedText ?? comment.text);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const field = `comment-${comment.id}`;

  const save = async (value: string) => {
    setBusy(true);
    setError(null);
    setDone('');
    try {
      const r = await api<{ id: string; status: CommentStatus }>(
        'PUT',
        campaignApi(campaignId, `/comments/${encodeURIComponent(comment.id)}`),
        { text: value },
      );
      const redacted = r.status === 'withheld' ? '' : value.normalize('NFC').trim();
      setText(redacted);
      onSaved({ ...comment, redactedText: redacted, status: r.status });
      setDone(
        r.status === 'withheld' ? 'Đã lưu: không công bố ý kiến này.' : 'Đã lưu bản công bố.',
      );
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  };

  return (
    <li class="card r-comment">
      <p class="meta">
        <span class={`r-comment-status r-${comment.status}`}>{STATUS_NAMES[comment.status]}</span>
        <span>{comment.groupName}</span>
        <span>{comment.questionnaireTitle}</span>
      </p>
      <figure>
        <figcaption>Nguyên văn của người trả lời</figcaption>
        <blockquote class="r-original">{comment.text}</blockquote>
      </figure>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          save(text);
        }}
      >
        <label for={field}>Bản công bố (xóa tên người, chi tiết nhận ra được)</label>
        <textarea
          id={field}
          rows={3}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <p class="hint">Để trống rồi lưu: ý kiến không được công bố.</p>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            Lưu bản công bố
          </button>
          <button type="button" class="danger-outline" disabled={busy} onClick={() => save('')}>
            Không công bố ý kiến này
          </button>
        </div>
      </form>
      {done && <Done>{done}</Done>}
      {error !== null && <ErrorNotice error={error} />}
    </li>
  );
}
