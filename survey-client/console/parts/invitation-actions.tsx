import { useState } from 'preact/hooks';
import { api, campaignApi } from '../api';
import { CHANNELS } from '../format';
import type { Invitation } from '../types';
import { useConfirm } from './confirm';
import { CopyLink } from './copy-link';
import { Done, ErrorNotice } from './notice';
import { ReminderButton } from './reminder';
import { Who } from './who';

/** What an officer can do with one invitation: copy, remind, reissue, revoke (confirmed first). */
export function InvitationActions({
  campaignId,
  inv,
  onUpdate,
}: {
  campaignId: string;
  inv: Invitation;
  onUpdate: (inv: Invitation) => void;
}) {
  const { ask, dialog } = useConfirm();
  const [done, setDone] = useState('');
  const [error, setError] = useState<unknown>(null);
  const path = (action: string) =>
    campaignApi(campaignId, `/invitations/${encodeURIComponent(inv.id)}/${action}`);
  const live = inv.status !== 'submitted' && inv.status !== 'revoked';

  const act = async (action: 'reissue' | 'revoke') => {
    const yes = await ask(
      action === 'reissue'
        ? {
            title: 'Cấp lại đường dẫn?',
            text: `Đường dẫn cũ của ${inv.name} sẽ hết hiệu lực ngay; người này phải dùng đường dẫn mới và trả lời lại từ đầu: bản nháp cũ được khóa bằng mã tiếp tục của đường dẫn cũ, không ai mở được nữa, nên bị xóa. Đường dẫn mới thuộc về thiết bị mở nó đầu tiên.`,
            ok: 'Cấp lại đường dẫn',
          }
        : {
            title: 'Thu hồi đường dẫn?',
            text: `${inv.name} sẽ không trả lời được nữa và bản nháp (nếu có) bị xóa. Không hoàn tác được.`,
            ok: 'Thu hồi',
            danger: true,
          },
    );
    if (!yes) return;
    setError(null);
    setDone('');
    try {
      onUpdate(await api<Invitation>('POST', path(action)));
      setDone(
        action === 'reissue'
          ? 'Đã cấp đường dẫn mới. Hãy sao chép và gửi lại cho người này.'
          : 'Đã thu hồi đường dẫn.',
      );
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div class="row-actions">
      {live && inv.link && <CopyLink link={inv.link} name={inv.name} />}
      {live && (
        <ReminderButton
          campaignId={campaignId}
          invitationId={inv.id}
          name={inv.name}
          onRecorded={(channel) => {
            onUpdate({ ...inv, reminders: inv.reminders + 1 });
            setDone(
              `Đã ghi nhận nhắc qua ${CHANNELS.find(([c]) => c === channel)?.[1] ?? channel}.`,
            );
          }}
        />
      )}
      {live && (
        <button type="button" onClick={() => act('reissue')}>
          Cấp lại đường dẫn
          <Who name={inv.name} />
        </button>
      )}
      {live && (
        <button type="button" class="danger-outline" onClick={() => act('revoke')}>
          Thu hồi
          <Who name={inv.name} />
        </button>
      )}
      {done && <Done>{done}</Done>}
      {error !== null && <ErrorNotice error={error} />}
      {dialog}
    </div>
  );
}
