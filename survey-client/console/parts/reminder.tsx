import { useState } from 'preact/hooks';
import { api, campaignApi } from '../api';
import { CHANNELS, type Channel } from '../format';
import { ErrorNotice } from './notice';
import { Who } from './who';

/**
 * "Đã nhắc": the officer reminded this person (by phone, Zalo…) and records it, so the office
 * sees who was chased and how often. One tap on the channel records it.
 */
export function ReminderButton({
  campaignId,
  invitationId,
  name,
  onRecorded,
}: {
  campaignId: string;
  invitationId: string;
  name: string;
  onRecorded: (channel: Channel) => void;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const record = async (channel: Channel) => {
    setBusy(true);
    setError(null);
    try {
      await api(
        'POST',
        campaignApi(campaignId, `/invitations/${encodeURIComponent(invitationId)}/reminders`),
        {
          channel,
        },
      );
      setOpen(false);
      onRecorded(channel);
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  };

  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)} aria-expanded="false">
        Đã nhắc…
        <Who name={name} />
      </button>
    );
  return (
    <fieldset class="channels" disabled={busy}>
      <legend>Đã nhắc {name} qua:</legend>
      {CHANNELS.map(([code, label]) => (
        <button key={code} type="button" onClick={() => record(code)}>
          {label}
        </button>
      ))}
      <button type="button" class="link" onClick={() => setOpen(false)}>
        Hủy
      </button>
      {error !== null && <ErrorNotice error={error} />}
    </fieldset>
  );
}
