import type { CampaignDetail } from '../types';

/** `<option>`s for a list of coded things (groups, units): the code is the value. */
export function CodeOptions({ items }: { items: { code: string; name: string }[] | undefined }) {
  return (
    <>
      {items?.map((x) => (
        <option key={x.code} value={x.code}>
          {x.name}
        </option>
      ))}
    </>
  );
}

/** The units one can filter by: every unit but the province itself. */
export const filterUnits = (campaign: CampaignDetail) =>
  campaign.units?.filter((u) => u.kind !== 'tinh');

/**
 * The "Nhóm đối tượng" and "Đơn vị" filters of the people lists (invitations, paper forms), each
 * "Tất cả" when empty. Put inside a `.filters` row, after any other filter of the screen.
 */
export function GroupUnitFilter({
  campaign,
  group,
  unit,
  onGroup,
  onUnit,
}: {
  campaign: CampaignDetail;
  group: string;
  unit: string;
  onGroup: (code: string) => void;
  onUnit: (code: string) => void;
}) {
  return (
    <>
      <label>
        Nhóm đối tượng
        <select value={group} onChange={(e) => onGroup(e.currentTarget.value)}>
          <option value="">Tất cả</option>
          <CodeOptions items={campaign.groups} />
        </select>
      </label>
      <label>
        Đơn vị
        <select value={unit} onChange={(e) => onUnit(e.currentTarget.value)}>
          <option value="">Tất cả</option>
          <CodeOptions items={filterUnits(campaign)} />
        </select>
      </label>
    </>
  );
}
