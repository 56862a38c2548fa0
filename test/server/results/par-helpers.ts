import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { questionnairesFor } from '../../../contract/questionnaires-for';
import type { Answer } from '../../../contract/respondent';
import type { ResultsDocument } from '../../../contract/results';
import {
  builtInDefinition,
  builtInUnitSet,
  type Definition,
  type UnitSet,
} from '../../../questionnaires';
import { findCampaign, findDefinition, listUnits } from '../../../server/campaigns/queries';
import { createCampaign } from '../../../server/campaigns/service';
import roster from '../../../server/demo/roster.json' with { type: 'json' };
import { addRespondents, listLinks, type NewPerson } from '../../../server/invitations/service';
import { config, SECRET, type signIn, submissionId, submitThrough } from '../helpers';
import type { Ctx } from './helpers';

/** A signed-in request function, as signIn returns it. */
export type Request = Awaited<ReturnType<typeof signIn>>;

/** POSTs a self-assessment file as the console's file picker sends it (multipart). */
export function uploadSelfAssessment(
  as: Request,
  campaignId: string,
  content: string | Uint8Array,
  { name = 'tu-danh-gia.csv', preview = false }: { name?: string; preview?: boolean } = {},
) {
  const form = new FormData();
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  form.set('file', new File([new Uint8Array(bytes)], name));
  if (preview) form.set('preview', 'true');
  return as(`/api/campaigns/${campaignId}/self-assessment`, { method: 'POST', body: form });
}

/** A CSV as an office saves it from Excel (UTF-8 with BOM, one line per row). */
export const csv = (lines: string[]) => `\uFEFF${lines.join('\r\n')}\r\n`;

/** A workbook with title lines above the header, numbers as numbers, as councils type it. */
export async function xlsx(rows: (string | number | null)[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Tổng hợp');
  sheet.addRow(['HỘI ĐỒNG THẨM ĐỊNH CHỈ SỐ CCHC HUYỆN HỚN QUẢN']);
  sheet.addRow(['BẢNG TỔNG HỢP ĐIỂM TỰ ĐÁNH GIÁ ĐÃ THẨM ĐỊNH NĂM 2023']);
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

/**
 * Another campaign of the built-in survey, with its own definition and unit set when given,
 * open from `opensAt` until far ahead, and 3 delegates and 3 office leaders invited from the
 * demo roster. Returns a submit function for its links.
 */
export async function otherCampaign(
  ctx: Ctx,
  id: string,
  options: { definition?: Definition; unitSet?: UnitSet; people?: boolean } = {},
) {
  await createCampaign(ctx.db, {
    id,
    name: `Khảo sát ${id}`,
    definition: options.definition ?? builtInDefinition(),
    unitSet: options.unitSet ?? builtInUnitSet(),
    opensAt: '2020-01-01T00:00:00.000Z',
    closesAt: '2099-01-01T00:00:00.000Z',
  });
  if (options.people !== false) {
    const people = (roster as NewPerson[]).filter((p) =>
      ['HDND_HUYEN', 'LD_CQCM_HUYEN'].includes(p.groupCode),
    );
    const pick = (g: string) => people.filter((p) => p.groupCode === g).slice(0, 3);
    await addRespondents(ctx.db, SECRET, id, [...pick('HDND_HUYEN'), ...pick('LD_CQCM_HUYEN')]);
  }
}

/**
 * Submits every remaining link of `group` in campaign `id`, each answer chosen by `option` from
 * the questionnaire and the unit it is about.
 */
export async function submitAll(
  ctx: Ctx,
  id: string,
  group: string,
  option: (a: { questionnaireId: string; unitCode: string }) => Answer['option'],
) {
  const campaign = await findCampaign(ctx.db, id);
  if (!campaign) throw new Error(`no campaign ${id}`);
  const definition = await findDefinition(ctx.db, campaign.definitionId);
  if (!definition) throw new Error(`no definition for ${id}`);
  const units = await listUnits(ctx.db, campaign.unitSetId);
  const groups = new Map(definition.groups.map((g) => [g.code, g.name]));
  const links = (await listLinks(ctx.db, config, id, groups)).filter(
    (l) => l.group_code === group && l.status !== 'submitted',
  );
  expect(links.length).toBeGreaterThan(0);
  const answers = questionnairesFor(definition, group, units).flatMap((q) =>
    q.questions.flatMap((question) =>
      q.units.map((u) => ({
        questionnaireId: q.id,
        questionId: question.id,
        unitCode: u.code,
        option: option({ questionnaireId: q.id, unitCode: u.code }),
      })),
    ),
  );
  for (const l of links) {
    const token = l.link.split('/s/')[1] ?? '';
    const res = await submitThrough(ctx.app, token, { submissionId: submissionId(), answers });
    expect(res.status).toBe(201);
  }
}

/** A unit of a results document, with its total (step 8). */
export function runUnit(doc: ResultsDocument, code: string) {
  const unit = doc.units.find((u) => u.code === code);
  if (!unit) throw new Error(`no unit ${code}`);
  return unit;
}

/** Closes campaign `id` as of `at` (a past time: closed now, and ordered among campaigns). */
export async function closeAt(ctx: Ctx, id: string, at: string) {
  await ctx.db.updateTable('campaign').set({ closesAt: at }).where('id', '=', id).execute();
}
