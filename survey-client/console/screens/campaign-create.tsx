import { api } from '../api';
import { fromVnInput } from '../format';
import { FormEnd, useFormSend } from '../parts/form-end';
import type { Campaign } from '../types';
import { ContactFields, DateFields, readRate } from './campaign-fields';

/** "Tạo đợt khảo sát": from the built-in Hớn Quản 2023 set, or a copy of an earlier campaign. */
export function CampaignCreate({
  campaigns,
  onCreated,
  onCancel,
}: {
  campaigns: Campaign[];
  onCreated: (c: Campaign) => void;
  onCancel: () => void;
}) {
  const { error, busy, submit } = useFormSend(async (text) => {
    const created = await api<Campaign>('POST', '/api/campaigns', {
      name: text('name'),
      ...(text('copyOf') ? { copyOf: text('copyOf') } : {}),
      opensAt: fromVnInput(text('opensAt')),
      closesAt: fromVnInput(text('closesAt')),
      contactName: text('contactName') || null,
      contactPhone: text('contactPhone') || null,
      targetRate: readRate(text('targetRate')),
    });
    onCreated(created);
  });

  return (
    <form class="panel stack" onSubmit={submit} aria-labelledby="create-title">
      <h2 id="create-title">Tạo đợt khảo sát</h2>
      <label>
        Tên đợt khảo sát
        <input
          name="name"
          required
          maxLength={300}
          // biome-ignore lint/a11y/noAutofocus: the form opens on a button press, for typing
          autoFocus
          placeholder="Khảo sát xã hội học năm 2024"
        />
      </label>
      <label>
        Bộ câu hỏi và đơn vị
        <select name="copyOf">
          <option value="">Bộ chỉ số Hớn Quản 2023 (có sẵn)</option>
          {campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              Sao chép từ: {c.name}
            </option>
          ))}
        </select>
      </label>
      <DateFields />
      <ContactFields />
      <FormEnd
        error={error}
        busy={busy}
        label="Tạo đợt khảo sát"
        busyLabel="Đang tạo…"
        onCancel={onCancel}
      />
    </form>
  );
}
