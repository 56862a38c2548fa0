import { useEffect, useState } from 'preact/hooks';
import {
  type SlipArrangement,
  type SlipLayout,
  slipPageCount,
} from '../../../contract/console/invitation-list';
import type { Invitation, InvitationStatus } from '../types';

/**
 * The most rows picked one by one: their ids travel in the address of the slips page and of the
 * exports (about 23 characters each), which must stay well under a server's 16 KB of headers.
 * Past that, "every row that matches" takes the filters instead.
 */
export const MAX_PICKED = 300;

/** What the slips of a picked row depend on: whether it prints, and its unit's page break. */
interface Picked {
  status: InvitationStatus;
  unit: string;
}

const LIVE: InvitationStatus[] = ['not_opened', 'opened', 'in_progress'];

/** The slips of picked rows and the A4 sheets they make, as the server counts them. */
export function pickedSlips(
  picked: Iterable<Picked>,
  layout: SlipLayout,
  arrange: SlipArrangement,
) {
  const perUnit = new Map<string, number>();
  for (const p of picked) {
    if (LIVE.includes(p.status)) perUnit.set(p.unit, (perUnit.get(p.unit) ?? 0) + 1);
  }
  const counts = [...perUnit.values()];
  return {
    count: counts.reduce((a, b) => a + b, 0),
    pages: slipPageCount(counts, layout, arrange),
  };
}

export interface Selection {
  /** Rows picked one by one (or a page at a time), by id. */
  picked: Map<string, Picked>;
  /** Every row the filters match, on every page. */
  all: boolean;
  toggle: (inv: Invitation, on: boolean) => void;
  /** Picks or unpicks the rows of a page; false when picking would pass MAX_PICKED. */
  togglePage: (rows: Invitation[], on: boolean) => boolean;
  selectAll: () => void;
  clear: () => void;
}

/** The rows an officer picked for a bulk action; forgotten when `filters` change. */
export function useSelection(filters: string): Selection {
  const [picked, setPicked] = useState(new Map<string, Picked>());
  const [all, setAll] = useState(false);
  useEffect(() => {
    setPicked(new Map());
    setAll(false);
  }, [filters]);
  const entry = (inv: Invitation): Picked => ({
    status: inv.status,
    unit: inv.unitName ?? inv.group,
  });
  return {
    picked,
    all,
    toggle: (inv, on) => {
      setAll(false);
      setPicked((old) => {
        const next = new Map(old);
        if (on && next.size < MAX_PICKED) next.set(inv.id, entry(inv));
        else next.delete(inv.id);
        return next;
      });
    },
    togglePage: (rows, on) => {
      const next = new Map(picked);
      for (const r of rows) {
        if (on) next.set(r.id, entry(r));
        else next.delete(r.id);
      }
      if (next.size > MAX_PICKED) return false;
      setAll(false);
      setPicked(next);
      return true;
    },
    selectAll: () => setAll(true),
    clear: () => {
      setAll(false);
      setPicked(new Map());
    },
  };
}
