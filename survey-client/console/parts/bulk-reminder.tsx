import { useState } from 'preact/hooks';
import { api, campaignApi } from '../api';
import { CHANNELS, type Channel, count } from '../format';
import type { BulkReminderReply } from '../types';
import type { ListState } from './list-state';
import { Done, ErrorNotice } from './notice';
import type { Selection } from './selection';

/**
 * "Đã nhắc những người đã chọn": the officer reminded the picked rows (or every row that
 * matches) at once — a Zalo group, a round of calls — and records it for each live link.
 */
export function BulkReminder({
  campaignId,
  state,
  selection,
  onRecorded,
}: {
  campaignId: string;
  state: ListState;
  selection: Selection;
  onRecorded: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [error, setError] = useState<unknown>(null);

  const record = async (channel: Channel) => {
    setBusy(true);
    setError(null);
    const filter = {
      ...(state.q.trim() ? { q: state.q.trim() } : {}),
      ...(state.status ? { status: state.status.split(',') } : {}),
      ...(state.group ? { group: state.group } : {}),
      ...(state.unit ? { unit: state.unit } : {}),
    };
    try {
      const { recorded } = await api<BulkReminderReply>(
        'POST',
        campaignApi(campaignId, '/reminders'),
        selection.all ? { channel, filter } : { channel, ids: [...selection.picked.keys()] },
      );
      setOpen(false);
      setDone(
        `Đã ghi nhận nhắc ${count(recorded)} người qua ${CHANNELS.find(([c]) => c === channel)?.[1] ?? channel}.`,
      );
      onRecorded();
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  };

  return (
    <>
      {open ? (
        <fieldset class="channels" disabled={busy}>
          <legend>Đã nhắc những người này qua:</legend>
          {CHANNELS.map(([code, label]) => (
            <button key={code} type="button" onClick={() => record(code)}>
              {label}
            </button>
          ))}
          <button type="button" class="link" onClick={() => setOpen(false)}>
            Hủy
          </button>
        </fieldset>
      ) : (
        <button
          type="button"
          aria-expanded="false"
          onClick={() => {
            setDone('');
            setOpen(true);
          }}
        >
          Ghi nhận đã nhắc…
        </button>
      )}
      {done && <Done>{done}</Done>}
      {error !== null && <ErrorNotice error={error} />}
    </>
  );
}
