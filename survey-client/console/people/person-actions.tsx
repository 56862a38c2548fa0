import { useState } from 'preact/hooks';
import { api, campaignApi } from '../api';
import { useConfirm } from '../parts/confirm';
import { ErrorNotice } from '../parts/notice';
import { Who } from '../parts/who';
import type { CampaignDetail } from '../types';
import { changedFields, fieldsOf, PersonForm, type PersonRow } from './person-form';

/** "Sửa" and "Xóa" for one respondent; neither once the answers are submitted. */
export function PersonActions({
  campaign,
  row,
  onChanged,
}: {
  campaign: CampaignDetail;
  row: PersonRow;
  onChanged: () => void;
}) {
  const { ask, dialog } = useConfirm();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (row.status === 'submitted' || !row.respondentId) return null;
  const path = campaignApi(campaign.id, `/respondents/${encodeURIComponent(row.respondentId)}`);
  const before = fieldsOf(row);

  const remove = async () => {
    const yes = await ask({
      title: 'Xóa người này?',
      text: `${row.name} sẽ bị xóa khỏi danh sách cùng lời mời và bản nháp (nếu có). Không hoàn tác được.`,
      ok: 'Xóa',
      danger: true,
    });
    if (!yes) return;
    setError(null);
    try {
      await api('DELETE', path);
      onChanged();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div class="row-actions person-actions">
      <button
        type="button"
        onClick={() => {
          setError(null);
          setEditing(true);
        }}
      >
        Sửa
        <Who name={row.name} />
      </button>
      <button type="button" class="danger" onClick={remove}>
        Xóa
        <Who name={row.name} />
      </button>
      {editing && (
        <PersonForm
          campaign={campaign}
          initial={before}
          title={`Sửa thông tin ${row.name}`}
          submitLabel="Lưu"
          onCancel={() => setEditing(false)}
          onSubmit={async (fields) => {
            const patch = changedFields(before, fields);
            if (Object.keys(patch).length > 0) await api('PATCH', path, patch);
            setEditing(false);
            onChanged();
          }}
        />
      )}
      {error !== null && <ErrorNotice error={error} />}
      {dialog}
    </div>
  );
}
