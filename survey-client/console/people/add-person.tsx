import { useState } from 'preact/hooks';
import { api, campaignApi } from '../api';
import { Done } from '../parts/notice';
import type { CampaignDetail } from '../types';
import { fieldsOf, PersonForm } from './person-form';

/** "Thêm người": one respondent added by hand; the list is reloaded after. */
export function AddPerson({
  campaign,
  onAdded,
}: {
  campaign: CampaignDetail;
  onAdded: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState('');
  if (!open)
    return (
      <div class="add-person">
        <button
          type="button"
          onClick={() => {
            setDone('');
            setOpen(true);
          }}
        >
          Thêm người
        </button>
        {done && <Done>{done}</Done>}
      </div>
    );
  return (
    <PersonForm
      campaign={campaign}
      initial={fieldsOf()}
      title="Thêm người vào danh sách"
      submitLabel="Thêm"
      onCancel={() => setOpen(false)}
      onSubmit={async (fields) => {
        await api('POST', campaignApi(campaign.id, '/respondents'), fields);
        setOpen(false);
        setDone(`Đã thêm ${fields.name}.`);
        onAdded();
      }}
    />
  );
}
