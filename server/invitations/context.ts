import type { Invitation } from '../../contract/console/invitations';
import type { Definition } from '../../questionnaires';
import { findDefinition, listUnits } from '../campaigns/queries';
import type { Config } from '../config';
import type { Db } from '../db/connect';
import type { Campaign, InvitationStatus } from '../db/schema';
import { ApiError } from '../errors';
import { shortCode } from '../secrets';
import { type ListQuery, search, sortRows } from './list';
import {
  type InvitationFilter,
  type InvitationKey,
  type InvitationRow,
  listInvitationKeys,
  listInvitations,
} from './queries';

/** Up to this many rows are read by their ids; more, by the list's filters. */
const BY_IDS = 500;

import { linkFor } from './service';

/** Links that can still be answered: what slips, reminders and the non-responders list are about. */
export const LIVE: InvitationStatus[] = ['not_opened', 'opened', 'in_progress'];

/**
 * The unit a slip is printed and counted under: the person's unit, or for people rating from
 * outside every unit (council delegates) their group's name, "Đại biểu HĐND tỉnh" in a province.
 */
export const slipUnit = (
  r: Pick<InvitationKey, 'unitName' | 'groupCode'>,
  groupName: (code: string) => string,
) => r.unitName ?? groupName(r.groupCode);

/**
 * What the invitation routes share: the campaign's definition and group names, an invitation as
 * the console sees it (its link and short code only while it is not revoked), and the rows a
 * list query matches.
 */
export function invitationContext(db: Db, config: Pick<Config, 'publicUrl' | 'secret'>) {
  async function load(campaign: Campaign) {
    const definition = (await findDefinition(db, campaign.definitionId)) as Definition;
    const groups = new Map(definition.groups.map((g, i) => [g.code, { name: g.name, i }]));
    const groupName = (code: string) => groups.get(code)?.name ?? code;
    return { campaign, definition, groups, groupName };
  }

  function present(row: InvitationRow, groupName: (c: string) => string): Invitation {
    const { tokenNonce, unitPosition: _p, ...rest } = row;
    return {
      ...rest,
      group: groupName(row.groupCode),
      unit: row.unitName ?? row.workplace ?? '',
      reminders: Number(row.reminders ?? 0),
      lastReminderAt: row.lastReminderAt ?? null,
      link: row.status === 'revoked' ? null : linkFor(config, tokenNonce),
      shortCode: row.status === 'revoked' ? null : shortCode(config.secret, tokenNonce),
    };
  }

  /**
   * Every invitation the query's filters and search match, in its order, as the keys a list
   * sorts and pages by (`within`: only these statuses, e.g. the live ones); `rows` reads the full
   * rows of some of them, in the same order. An unknown group or unit is a 400, not an empty list.
   */
  async function matching(campaign: Campaign, q: ListQuery, within?: InvitationStatus[]) {
    const ctx = await load(campaign);
    if (q.group && !ctx.groups.has(q.group)) {
      throw new ApiError(400, 'invalid_query', 'Nhóm đối tượng (group) không có trong đợt này.', {
        param: 'group',
      });
    }
    if (q.unit && !(await listUnits(db, campaign.unitSetId)).some((u) => u.code === q.unit)) {
      throw new ApiError(400, 'invalid_query', 'Đơn vị (unit) không có trong đợt này.', {
        param: 'unit',
      });
    }
    const status = within ? (q.status ?? within).filter((s) => within.includes(s)) : q.status;
    const filter: InvitationFilter = { status, groupCode: q.group, unitCode: q.unit, ids: q.ids };
    const keys =
      status?.length === 0 ? [] : await listInvitationKeys(db, campaign.id, filter, q.q !== '');
    const found = sortRows(search(keys, q.q), q.sort, (c) => ctx.groups.get(c)?.i ?? 99);
    /** The full rows of `some` (of `found`), in their order. */
    const rows = async (some: InvitationKey[]): Promise<InvitationRow[]> => {
      if (some.length === 0) return [];
      const full = await listInvitations(
        db,
        campaign.id,
        some.length <= BY_IDS ? { ids: some.map((k) => k.id) } : filter,
      );
      const byId = new Map(full.map((r) => [r.id, r]));
      return some.flatMap((k) => byId.get(k.id) ?? []);
    };
    return { ...ctx, keys: found, rows };
  }

  return { load, present, matching };
}
