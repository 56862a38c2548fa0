import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { audit } from '../audit/log';
import type { Config } from '../config';
import type { Db } from '../db/connect';
import { ApiError } from '../errors';
import { foundRun, loadCampaign, requireClosed } from './context';
import { resultsCsv } from './export/csv';
import { resultsJsonText } from './export/format';
import { officialCodesOf, resultsXlsx } from './export/workbook';
import { resultsDocument, runDistributions } from './present';
import { findRun, lastLockedRun } from './queries';
import { createRun } from './service';

export const RESULTS_USAGE = `results --campaign <id> --format json|csv|xlsx [--out FILE] [--run <id>]
                                              kết quả chấm điểm: lần tính --run, mặc định lần đã khóa
                                              gần nhất, nếu chưa có thì tính chính thức mới (đợt phải đã đóng)`;

/** The options of `results`; anything else is refused with the usage. */
export const RESULTS_OPTIONS = {
  campaign: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  run: { type: 'string' },
} as const;

class UsageError extends Error {}

/**
 * `results --campaign <id> --format json|csv|xlsx [--out FILE] [--run <id>]` (shared contract):
 * the given run, by default the last locked one, else a fresh official run (stored, so its id
 * can be cited); refused while the campaign is not closed. The same files as the console's
 * exports. JSON and CSV go to standard output without --out. Returns the exit code.
 */
export async function resultsCommand(
  db: Db,
  _config: Pick<Config, 'publicUrl'>,
  args: string[],
): Promise<number> {
  try {
    const { values } = parseArgs({ args, options: RESULTS_OPTIONS, strict: true });
    if (!values.campaign) throw new UsageError(`thiếu --campaign <id>.\nDùng: ${RESULTS_USAGE}`);
    const format = values.format;
    if (format !== 'json' && format !== 'csv' && format !== 'xlsx')
      throw new UsageError('--format phải là json, csv hoặc xlsx.');
    if (format === 'xlsx' && !values.out) throw new UsageError('Định dạng xlsx cần --out FILE.');
    const { campaign, definition, units } = await loadCampaign(db, values.campaign);
    requireClosed(campaign);
    let run = values.run
      ? foundRun(await findRun(db, campaign.id, values.run))
      : await lastLockedRun(db, campaign.id);
    if (!run) {
      run = await createRun(db, campaign.id);
      await audit(db, {
        action: 'scoring_run_created',
        campaignId: campaign.id,
        target: run.id,
        details: { official: true, via: 'cli', fingerprint: run.fingerprint },
      });
      console.error(`Chưa có lần tính nào được khóa: đã tính chính thức mới (lần tính ${run.id}).`);
    }
    const doc = resultsDocument(run, campaign);
    await audit(db, {
      action: 'results_exported',
      campaignId: campaign.id,
      target: run.id,
      details: { format, via: 'cli' },
    });
    const output =
      format === 'json'
        ? resultsJsonText(doc)
        : format === 'csv'
          ? resultsCsv(doc)
          : await resultsXlsx(doc, definition, runDistributions(run), officialCodesOf(units));
    if (values.out) {
      writeFileSync(values.out, output);
      const kind = doc.method.trial ? 'thử nghiệm' : doc.method.locked ? 'đã khóa' : 'chưa khóa';
      console.error(`Đã ghi kết quả lần tính ${run.id} (${kind}) vào ${values.out}.`);
    } else process.stdout.write(output);
    return 0;
  } catch (err) {
    const parseError =
      err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS');
    if (parseError) {
      console.error(`Lỗi: tham số không hợp lệ (${err.message}).\nDùng: ${RESULTS_USAGE}`);
      return 1;
    }
    if (err instanceof ApiError || err instanceof UsageError) {
      console.error(`Lỗi: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
