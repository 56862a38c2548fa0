import { useEffect, useMemo, useState } from 'preact/hooks';
import type { DefinitionReply } from '../../../contract/console/campaigns';
import type { Definition } from '../../../questionnaires/schema';
import { ApiFailure, api, campaignApi } from '../api';
import { count } from '../format';
import { Done, ErrorNotice, Loading } from '../parts/notice';
import type { Campaign, CampaignDetail } from '../types';
import { useLoad } from '../use-load';
import { CriteriaSection } from './criteria';
import { copy, type EditProps } from './edit';
import { GroupsSection } from './groups';
import { MethodSection } from './method';
import { type DefinitionProblem, locate } from './paths';
import { QuestionnairesSection } from './questionnaires';
import '../styles/sticky-bar.css';
import './definition.css';

/**
 * "Bộ câu hỏi": the campaign's questionnaires, criteria and points, method and group assignment;
 * editable until the campaign opens (each save is a new version), read-only after.
 */
export function DefinitionScreen({
  campaign,
  onChange,
}: {
  campaign: CampaignDetail;
  onChange: (c: Campaign) => void;
}) {
  const loaded = useLoad<DefinitionReply>(campaignApi(campaign.id, '/definition'));
  if (loaded.error !== undefined && !loaded.data)
    return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  return (
    <Editor
      key={String(loaded.data.editable)}
      campaign={campaign}
      reply={loaded.data}
      onSaved={(reply) => {
        loaded.setData(() => reply);
        const d = reply.definition;
        onChange({ ...campaign, definition: { code: d.code, version: d.version, name: d.name } });
      }}
    />
  );
}

function Editor({
  campaign,
  reply,
  onSaved,
}: {
  campaign: CampaignDetail;
  reply: DefinitionReply;
  onSaved: (r: DefinitionReply) => void;
}) {
  const [draft, setDraft] = useState<Definition>(() => copy(reply.definition));
  const [problems, setProblems] = useState<DefinitionProblem[]>([]);
  /** The definition the problems were found in: their positions refer to it. */
  const [checked, setChecked] = useState<Definition>(reply.definition);
  const [error, setError] = useState<unknown>(null);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const { editable } = reply;
  const dirty = useMemo(
    () => JSON.stringify(draft) !== JSON.stringify(reply.definition),
    [draft, reply.definition],
  );

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const placed = useMemo(
    () => problems.map((p) => ({ ...p, place: locate(p.path, checked) })),
    [problems, checked],
  );
  const problemsAt = (key: string) =>
    placed.filter((p) => p.place.key === key).map((p) => p.message);

  const props: EditProps = {
    def: draft,
    editable,
    problemsAt,
    edit: (change) => {
      setSavedVersion(null);
      setDraft((old) => {
        const next = copy(old);
        change(next);
        return next;
      });
    },
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    setSavedVersion(null);
    try {
      const r = await api<DefinitionReply>('PUT', campaignApi(campaign.id, '/definition'), {
        definition: draft,
      });
      setProblems([]);
      setDraft(copy(r.definition));
      setSavedVersion(r.definition.version);
      onSaved(r);
    } catch (e) {
      const details = e instanceof ApiFailure && Array.isArray(e.details) ? e.details : [];
      setProblems(
        details.map((d) =>
          typeof d === 'string'
            ? { path: '', message: d }
            : { path: String(d?.path ?? ''), message: String(d?.message ?? '') },
        ),
      );
      setChecked(copy(draft));
      setError(e);
    }
    setBusy(false);
  };

  return (
    <>
      <div class="def-head">
        <div>
          <h2>{draft.name}</h2>
          <p class="meta">
            <span>Mã: {draft.code}</span>
            <span>Phiên bản: {draft.version}</span>
            <span>Năm: {draft.year}</span>
          </p>
        </div>
      </div>
      {editable ? (
        <p class="hint">
          Sửa được cho tới khi mở đợt khảo sát; mỗi lần lưu tạo một phiên bản mới (các đợt trước vẫn
          giữ phiên bản của mình). Khi mở đợt khảo sát, bộ câu hỏi và cách tính điểm được cố định.
        </p>
      ) : (
        <p class="notice" role="status">
          Bộ câu hỏi và cách tính điểm đã cố định khi mở đợt khảo sát: chỉ xem, không sửa được.
        </p>
      )}
      {savedVersion !== null && !dirty && <Done>Đã lưu thành phiên bản {savedVersion}.</Done>}
      {error !== null && (
        <div class="def-problems">
          <ErrorNotice error={error} />
          {placed.length > 0 && (
            <div class="notice error">
              <p>
                <b>{count(placed.length)} vấn đề cần sửa:</b>
              </p>
              <ul>
                {placed.map((p, i) => (
                  <li key={`${i}|${p.path}`}>
                    <b>{p.place.label}</b>: {p.message}{' '}
                    {p.path && <code class="path">{p.path}</code>}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
      <MethodSection {...props} />
      <CriteriaSection {...props} />
      <GroupsSection {...props} />
      <QuestionnairesSection {...props} />
      {editable && (
        <div class="def-bar">
          <span class="progress" aria-live="polite">
            {dirty ? 'Có thay đổi chưa lưu' : 'Không có thay đổi'}
          </span>
          <button
            type="button"
            disabled={!dirty || busy}
            onClick={() => {
              setDraft(copy(reply.definition));
              setProblems([]);
              setError(null);
            }}
          >
            Bỏ các thay đổi
          </button>
          <button type="button" class="primary" disabled={!dirty || busy} onClick={save}>
            {busy ? 'Đang lưu…' : 'Lưu bộ câu hỏi'}
          </button>
        </div>
      )}
    </>
  );
}
