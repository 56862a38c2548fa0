import type { Invitation } from '../../contract/console/invitations';
import type { Definition } from '../../questionnaires';
import { findDefinition, listUnits } from '../campaigns/queries';
import type { Config } from '../config';
import type { Db } from '../db/connect';
import type { Campaign, InvitationStatus } from '../db/schema';
import { ApiError } from '../errors';
import { shortCode } from '../secrets';
import { type ListQuery, search, sortRows } from './list';
import { type InvitationRow, listInvitations } from './queries';
import { linkFor } from './service';

/** Links that can still be answered: what slips, reminders and the non-responders list are about. */
export const LIVE: InvitationStatus[] = ['not_opened', 'opened', 'in_progress'];

/** The heading a slip is printed under: its unit, or the district council's delegates. */
export const slipUnit = (r: InvitationRow) => r.unitName ?? 'Đại biểu HĐND huyện';

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
   * Every row the query's filters and search match, in its order (`within`: only these
   * statuses, e.g. the live ones). An unknown group or unit is a 400, not an empty list.
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
    const rows =
      status?.length === 0
        ? []
        : await listInvitations(db, campaign.id, {
            status,
            groupCode: q.group,
            unitCode: q.unit,
            ids: q.ids,
          });
    const found = sortRows(search(rows, q.q), q.sort, (c) => ctx.groups.get(c)?.i ?? 99);
    return { ...ctx, rows: found };
  }

  return { load, present, matching };
}
