import { createHash } from 'node:crypto';
import type {
  ImportResult,
  ImportRow,
  ImportSummary,
  RosterChoices,
} from '../../contract/console/roster';
import { audit } from '../audit/log';
import { campaignPhase } from '../campaigns/phase';
import { findCampaign, findDefinition, listUnits } from '../campaigns/queries';
import { type Db, inTransaction } from '../db/connect';
import type { Campaign } from '../db/schema';
import { ApiError } from '../errors';
import { insertPeople } from '../invitations/service';
import { type Column, FIELD_LABELS, type ManualMapping, mapHeaders } from './headers';
import { groupMatcher, unitMatcher, workplaceUnits } from './match';
import { type PlannedRow, planRows, type RowStatus } from './plan';
import { problem } from './problems';
import { listRosterRespondents, updatePerson } from './queries';
import { type RosterFile, readRoster } from './read';
import { checkRow, type Person, type RowContext } from './validate';

export interface ImportOptions {
  /** Plan and report only; nothing is written. */
  dryRun?: boolean;
  /** Import the valid rows and list the others; without it one bad row stops everything. */
  skipInvalid?: boolean;
  /** Field → header text, for the columns the automatic mapping missed or was unsure of. */
  mapping?: ManualMapping;
  /** Rows whose proposal the officer accepts (name-only match, group change, row to keep). */
  confirm?: number[];
  /** Rows the officer says are a different person from their namesake (in the file or not). */
  distinct?: number[];
  /** Rows read with the group or unit the officer picked among the suggestions. */
  choose?: RosterChoices;
  /** The previewed file's hash: row numbers in `confirm`/`distinct` refer to that file. */
  fileHash?: string;
  /** Who imports, for the audit log (null from the CLI). */
  user?: { id: string; email: string } | null;
}

export type { ImportResult, ImportRow, ImportSummary };

/**
 * Imports a roster (.xlsx or .csv) into a campaign: new people get a respondent and an
 * invitation; people already there (docs/method.md §16) are updated in place, so their
 * links keep working. One transaction: all valid rows, or nothing when a row is invalid or
 * waits for a decision, unless `skipInvalid`. Importing the same file again changes nothing.
 * Throws ApiError for a file that cannot be read or lacks a required column.
 */
export async function importRoster(
  db: Db,
  secret: string,
  campaignOrId: Campaign | string,
  file: RosterFile,
  options: ImportOptions = {},
): Promise<ImportResult> {
  // The console's routes pass the campaign their scope loaded; the CLI passes an id.
  const campaign =
    typeof campaignOrId === 'string' ? await findCampaign(db, campaignOrId) : campaignOrId;
  if (!campaign) {
    throw new ApiError(404, 'not_found', `Không tìm thấy đợt khảo sát "${campaignOrId}".`);
  }
  const campaignId = campaign.id;
  const dryRun = options.dryRun ?? false;
  if (!dryRun && campaignPhase(campaign) === 'closed') {
    throw new ApiError(409, 'campaign_closed', 'Đợt khảo sát đã đóng: không nhập danh sách được.');
  }
  const fileHash = createHash('sha256').update(file.bytes).digest('base64url');
  if (options.fileHash && options.fileHash !== fileHash) {
    throw new ApiError(
      409,
      'roster_file_changed',
      'Tệp khác với tệp đã xem trước: hãy xem trước lại rồi mới xác nhận.',
    );
  }
  const definition = await findDefinition(db, campaign.definitionId);
  if (!definition)
    throw new Error(`Không tìm thấy định nghĩa ${campaign.definitionId} của đợt khảo sát.`);
  const units = workplaceUnits(await listUnits(db, campaign.unitSetId));

  const table = await readRoster(file, options.mapping);
  const mapping = mapHeaders(table.headers, options.mapping);
  const details = { headers: table.headers, headerRow: table.headerRow, ...mapping };
  if (mapping.unknownManual.length > 0) {
    throw new ApiError(
      422,
      'roster_mapping_invalid',
      `Không có cột ${mapping.unknownManual.map((h) => `"${h}"`).join(', ')} trong tệp.`,
      details,
    );
  }
  if (mapping.missing.length > 0) {
    const names = mapping.missing.map((f) => `"${FIELD_LABELS[f]}"`).join(', ');
    throw new ApiError(
      422,
      'roster_columns_missing',
      `Không tìm thấy cột ${names} (dòng tiêu đề là dòng ${table.headerRow}: ${table.headers.filter(Boolean).join(' | ')}). Hãy chọn cột tương ứng.`,
      details,
    );
  }

  const groupNames = new Map(definition.groups.map((g) => [g.code, g.name]));
  const ctx: RowContext = {
    columns: mapping.columns,
    groups: definition.groups,
    matchGroup: groupMatcher(definition.groups),
    matchUnit: unitMatcher(units),
  };
  const picked = chosenCells(mapping.columns, options.choose);
  const checked = table.rows
    .map((cells, i) => {
      const row = table.rowNumbers[i] ?? 0;
      return checkRow(ctx, picked(cells, row), row);
    })
    .filter((r) => r !== null);
  const columnProblems = mapping.columns
    .filter((c) => !c.sure)
    .map((c) =>
      problem(
        table.headerRow,
        null,
        'column_unsure',
        `Cột "${c.header}" được hiểu là "${FIELD_LABELS[c.field]}": hãy xác nhận cách ghép cột.`,
        { field: c.field },
      ),
    );
  const decisions = {
    confirm: new Set(options.confirm ?? []),
    distinct: new Set(options.distinct ?? []),
  };

  const run = async (trx: Db): Promise<ImportResult> => {
    const existing = await listRosterRespondents(trx, campaignId);
    const planned = planRows(
      { matchUnit: ctx.matchUnit, groupName: (c) => groupNames.get(c) ?? c },
      checked,
      existing,
      decisions,
    );
    const blocked =
      columnProblems.length > 0 ||
      (!options.skipInvalid && planned.some((r) => r.status === 'error' || r.status === 'confirm'));
    const committed = !dryRun && !blocked;
    const summary = summarize(planned);
    if (committed) {
      for (const r of planned) {
        if (r.status === 'update' && r.respondentId && r.merged) {
          await updatePerson(trx, campaignId, r.respondentId, r.merged);
        }
      }
      const fresh = planned.filter((r) => r.status === 'new' && r.person);
      const ids = (
        await insertPeople(
          trx,
          secret,
          campaignId,
          fresh.map((r) => r.person as Person),
        )
      ).map((r) => r.respondentId);
      fresh.forEach((r, i) => {
        r.respondentId = ids[i];
      });
      await audit(trx, {
        user: options.user ?? null,
        action: 'roster.import',
        campaignId,
        target: file.name,
        details: { fileHash, ...summary },
      });
    }
    return {
      campaignId,
      fileName: file.name,
      fileHash,
      format: table.format,
      headerRow: table.headerRow,
      columns: mapping.columns,
      ignoredHeaders: table.headers.filter(
        (h, i) => h !== '' && !mapping.columns.some((c) => c.index === i),
      ),
      dryRun,
      committed,
      summary,
      problems: [...columnProblems, ...planned.flatMap((r) => r.problems)],
      rows: planned.map(toImportRow),
    };
  };
  return dryRun ? run(db) : inTransaction(db, run);
}

/** A row's cells with the group or unit the officer picked for it (options.choose). */
function chosenCells(columns: Column[], choose: RosterChoices | undefined) {
  return (cells: string[], row: number): string[] => {
    const pick = choose?.[String(row)];
    if (!pick) return cells;
    const out = [...cells];
    for (const field of ['group', 'unit'] as const) {
      const index = columns.find((c) => c.field === field)?.index;
      const value = pick[field];
      if (index !== undefined && value !== undefined) out[index] = value;
    }
    return out;
  };
}

function summarize(rows: PlannedRow[]): ImportSummary {
  const count = (s: RowStatus) => rows.filter((r) => r.status === s).length;
  return {
    total: rows.length,
    new: count('new'),
    updated: count('update'),
    unchanged: count('unchanged'),
    confirm: count('confirm'),
    skipped: count('skipped'),
    invalid: count('error'),
    warnings: rows.filter((r) => r.problems.some((p) => p.severity === 'warning')).length,
  };
}

function toImportRow(r: PlannedRow): ImportRow {
  return {
    row: r.row,
    stt: r.stt,
    status: r.status,
    values: r.values,
    person: r.merged ?? r.person,
    ...(r.respondentId ? { respondentId: r.respondentId } : {}),
    ...(r.matchedBy ? { matchedBy: r.matchedBy } : {}),
    ...(r.changes ? { changes: r.changes } : {}),
  };
}
