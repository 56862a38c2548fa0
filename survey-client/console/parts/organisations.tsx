import type { Organisation } from '../../../contract/console/organisations';
import { useLoad } from '../use-load';

export type { Organisation };

/**
 * The signed-in account's organisation and those below it (issue #12), its own first: a parent's
 * console offers them as a filter and as where a new campaign or account goes.
 */
export const useOrganisations = () => useLoad<Organisation[]>('/api/organisations');

/** "Xã Tân Hưng (xã)", indented by depth so the tree reads in a plain select. */
export function organisationLabel(o: Organisation): string {
  const kind = o.kind ? ` (${o.kind})` : '';
  return `${'\u00a0\u00a0\u00a0'.repeat(o.depth)}${o.name}${kind}`;
}

/** A select of the reachable organisations, the account's own selected unless `value` says. */
export function OrganisationSelect({
  label,
  name,
  organisations,
  value,
  onChange,
  all,
}: {
  label: string;
  name?: string;
  organisations: readonly Organisation[];
  value?: string;
  onChange?: (id: string) => void;
  /** The first option, value '': every organisation in reach. */
  all?: string;
}) {
  return (
    <label>
      {label}
      <select
        name={name}
        value={value}
        onChange={onChange ? (e) => onChange(e.currentTarget.value) : undefined}
      >
        {all !== undefined && <option value="">{all}</option>}
        {organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {organisationLabel(o)}
          </option>
        ))}
      </select>
    </label>
  );
}
