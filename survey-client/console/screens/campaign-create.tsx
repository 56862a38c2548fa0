import { useState } from 'preact/hooks';
import type { CampaignKind, CampaignTemplate } from '../../../contract/console/campaigns';
import { api } from '../api';
import { fromVnInput } from '../format';
import { useConfirm } from '../parts/confirm';
import { FormEnd, useFormSend } from '../parts/form-end';
import { sendOpening } from '../parts/opens-now';
import { type Organisation, OrganisationSelect } from '../parts/organisations';
import type { CampaignTab } from '../router';
import type { Campaign } from '../types';
import { ProvincePicker } from '../units/province-picker';
import { ContactFields, DateFields, readRate } from './campaign-fields';
import '../units/units.css';

type Source = CampaignTemplate | 'copy';

const SOURCES: [Source, string, string][] = [
  [
    'province_2026',
    'Cấp tỉnh, từ 2026 (sở, ban, ngành và UBND xã, phường, đặc khu)',
    'Bộ chỉ số cấp tỉnh 2026. Đơn vị: các sở, ban, ngành (danh sách gợi ý, sửa được) và mọi xã, phường, đặc khu của tỉnh theo danh mục từ 01/7/2025, kèm mã ĐVHC.',
  ],
  [
    'district_2023',
    'Cấp huyện (mẫu Hớn Quản 2023)',
    'Bộ chỉ số và các đơn vị của huyện Hớn Quản năm 2023: phòng, ban và UBND xã, thị trấn.',
  ],
  ['copy', 'Sao chép một đợt trước', 'Cùng bộ câu hỏi và danh sách đơn vị của đợt đó.'],
];

const KINDS: [CampaignKind, string, string][] = [
  [
    'par',
    'Chỉ số cải cách hành chính (PAR)',
    'Danh sách người trả lời, mỗi người một đường dẫn riêng (phiếu mời có mã QR), chấm điểm theo bộ chỉ số.',
  ],
  [
    'sipas',
    'Khảo sát sự hài lòng (SIPAS)',
    'Người dân, tổ chức góp ý về sự phục vụ: không cần danh sách; áp phích mã QR tại từng điểm thu thập và mã dùng một lần phát kèm giấy tiếp nhận hồ sơ. Bộ câu hỏi SIPAS 2026 (5 khía cạnh, thang 5 mức).',
  ],
];

/**
 * "Tạo đợt khảo sát": of a kind (PAR, or SIPAS: issue #14, whose units come from the same
 * choices below and whose questionnaire is the built-in SIPAS 2026), from the 2026 province template (a province and its communes), the Hớn
 * Quản 2023 district template, or a copy of an earlier campaign. A new province campaign opens on
 * its units (the departments are a list to check), any other on its roster.
 */
export function CampaignCreate({
  campaigns,
  organisations = [],
  onCreated,
  onCancel,
}: {
  campaigns: Campaign[];
  /**
   * The account's organisation and those below it, its own first: with more than one, where the
   * campaign goes; each with the 2026 province it is in, which the units start from.
   */
  organisations?: readonly Organisation[];
  onCreated: (c: Campaign, tab: CampaignTab) => void;
  onCancel: () => void;
}) {
  const [kind, setKind] = useState<CampaignKind>('par');
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const chooses = organisations.length > 1;
  const owner = organisations.find((o) => o.id === organisationId) ?? organisations[0];
  // An office of a 2026 province starts from its province's units (its communes among them); the
  // Hớn Quản 2023 list only for an organisation with no province (qa6: a commune office was
  // offered the 2023 district's units).
  const home = owner?.provinceCode ?? null;
  const [picked, setSource] = useState<Source | null>(null);
  const source: Source = picked ?? (home ? 'province_2026' : 'district_2023');
  const { ask, dialog } = useConfirm();
  const { error, busy, submit } = useFormSend(async (text) => {
    const opensAt = fromVnInput(text('opensAt'));
    const created = await sendOpening(opensAt, ask, (openNow) =>
      api<Campaign>('POST', '/api/campaigns', {
        name: text('name'),
        ...(kind === 'sipas' ? { kind } : {}),
        ...(source === 'copy' ? { copyOf: text('copyOf') } : { template: source }),
        ...(source === 'province_2026' ? { provinceCode: text('provinceCode') } : {}),
        opensAt,
        closesAt: fromVnInput(text('closesAt')),
        contactName: text('contactName') || null,
        contactPhone: text('contactPhone') || null,
        targetRate: kind === 'sipas' ? null : readRate(text('targetRate')),
        ...(chooses ? { organisationId: text('organisationId') } : {}),
        ...(openNow ? { openNow } : {}),
      }),
    );
    if (!created) return 'cancelled';
    onCreated(
      created,
      kind === 'sipas' ? 'points' : source === 'province_2026' ? 'units' : 'roster',
    );
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
          placeholder="Khảo sát xã hội học năm 2026"
        />
      </label>
      {chooses && (
        <OrganisationSelect
          label="Thuộc tổ chức"
          name="organisationId"
          organisations={organisations}
          value={owner?.id}
          onChange={setOrganisationId}
        />
      )}
      <fieldset class="source-choice">
        <legend>Loại khảo sát</legend>
        <RadioChoices name="kind" choices={KINDS} value={kind} onChange={setKind} />
      </fieldset>
      <fieldset class="source-choice">
        <legend>
          {kind === 'sipas' ? 'Đơn vị (gắn với các điểm thu thập)' : 'Bộ câu hỏi và đơn vị'}
        </legend>
        <RadioChoices
          name="source"
          choices={SOURCES.filter(([v]) => v !== 'copy' || campaigns.length > 0)}
          value={source}
          onChange={setSource}
        />
      </fieldset>
      {source === 'province_2026' && <ProvincePicker key={home ?? ''} initial={home ?? ''} />}
      {source === 'copy' && (
        <label>
          Đợt khảo sát để sao chép
          <select name="copyOf" required>
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <DateFields />
      <ContactFields target={kind !== 'sipas'} />
      <FormEnd
        error={error}
        busy={busy}
        label="Tạo đợt khảo sát"
        busyLabel="Đang tạo…"
        onCancel={onCancel}
      />
      {dialog}
    </form>
  );
}

/** One radio per choice, its label over a hint: the kind of survey, what it starts from. */
function RadioChoices<T extends string>({
  name,
  choices,
  value,
  onChange,
}: {
  name: string;
  choices: readonly (readonly [T, string, string])[];
  value: T;
  onChange: (v: T) => void;
}) {
  return (
    <>
      {choices.map(([v, label, hint]) => (
        <label key={v} class="check">
          <input
            type="radio"
            name={name}
            value={v}
            checked={value === v}
            onChange={() => onChange(v)}
          />
          <span>
            {label}
            <small>{hint}</small>
          </span>
        </label>
      ))}
    </>
  );
}
