import { toVnInput } from '../format';
import { VnDateTime } from '../parts/vn-datetime';
import type { Campaign } from '../types';

/** "70" → 70; empty → null (no target). The server checks 1–100. */
export function readRate(value: string): number | null {
  if (value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? Math.round(n) : null;
}

/** Opening and closing times, typed as Vietnam time (the form says so). */
export function DateFields({
  campaign,
  opensLocked = false,
}: {
  campaign?: Campaign;
  opensLocked?: boolean;
}) {
  return (
    <fieldset class="pair">
      <legend>Thời gian (giờ Việt Nam)</legend>
      <VnDateTime
        label="Bắt đầu"
        name="opensAt"
        defaultValue={toVnInput(campaign?.opensAt)}
        disabled={opensLocked}
        note={opensLocked ? 'Đợt khảo sát đã mở: không đổi được thời điểm bắt đầu.' : undefined}
      />
      <VnDateTime label="Kết thúc" name="closesAt" defaultValue={toVnInput(campaign?.closesAt)} />
    </fieldset>
  );
}

/**
 * Who respondents call with questions, and the response rate the office aims for (`target`: not
 * for a SIPAS campaign, which has no roster to count a rate against).
 */
export function ContactFields({
  campaign,
  target = true,
}: {
  campaign?: Campaign;
  target?: boolean;
}) {
  return (
    <>
      <fieldset class="pair">
        <legend>Liên hệ khi cần hỗ trợ (hiện trên phiếu)</legend>
        <label>
          Người hoặc bộ phận liên hệ
          <input name="contactName" maxLength={200} defaultValue={campaign?.contactName ?? ''} />
        </label>
        <label>
          Số điện thoại
          <input
            name="contactPhone"
            type="tel"
            maxLength={40}
            defaultValue={campaign?.contactPhone ?? ''}
          />
        </label>
      </fieldset>
      {target && (
        <label class="narrow">
          Chỉ tiêu tỷ lệ trả lời (%)
          <input
            name="targetRate"
            type="number"
            min={1}
            max={100}
            step={1}
            inputMode="numeric"
            defaultValue={campaign?.targetRate?.toString() ?? ''}
          />
        </label>
      )}
    </>
  );
}
