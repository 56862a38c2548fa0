import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { builtInDefinition } from '../../../questionnaires';
import { formatSerial, newSerial, parseSerial } from '../../../server/paper/serial';
import { failInserts, foreignTables, onPostgres, tableColumns } from '../../db';
import { fullAnswers, json, setup, signIn, submissionId } from '../helpers';

let ctx: Awaited<ReturnType<typeof setup>>;
let officer: Awaited<ReturnType<typeof signIn>>;
beforeEach(async () => {
  ctx = await setup();
  officer = await signIn(ctx, 'officer');
});

const CAMPAIGN = '/api/campaigns/demo-2023';
const post = (body: unknown = {}) => ({ method: 'POST', body: JSON.stringify(body) });
const tokenOf = (link: string) => link.split('/s/')[1] ?? '';
const SERIAL = /Số phiếu: <span class="serial">([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z])<\/span>/g;
const serialsIn = (html: string) => [...html.matchAll(SERIAL)].map((m) => m[1] ?? '');
const person = (group: string, i = 0) => {
  const found = ctx.links.filter((l) => l.group_code === group)[i];
  if (!found) throw new Error(`no person ${i} in ${group}`);
  return found;
};
const count = async (table: 'submission' | 'answer' | 'comment' | 'demographic' | 'answerTally') =>
  Number(
    (
      await ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const stored = async () => ({
  submission: await count('submission'),
  answer: await count('answer'),
  comment: await count('comment'),
  demographic: await count('demographic'),
  answerTally: await count('answerTally'),
});
const NOTHING = { submission: 0, answer: 0, comment: 0, demographic: 0, answerTally: 0 };

/** Prints the paper forms of these invitations; returns the page and each form's serial. */
async function print(ids: string[]) {
  const res = await officer(`${CAMPAIGN}/paper?ids=${ids.join(',')}`);
  expect(res.status).toBe(200);
  const html = await res.text();
  const forms = html.split('<section class="form">').slice(1);
  return { res, html, forms, serials: forms.map((f) => serialsIn(f)[0] ?? '') };
}

async function shortCodeOf(invitationId: string) {
  const res = await officer(`${CAMPAIGN}/invitations?ids=${invitationId}`);
  const [row] = ((await res.json()) as { items: { shortCode: string }[] }).items;
  return row?.shortCode ?? '';
}

const auditRows = (action: string) =>
  ctx.db.selectFrom('auditLog').selectAll().where('action', '=', action).execute();

describe('printing paper forms', () => {
  it('prints a stub with the QR code and short code, then the sheets under one serial, names escaped', async () => {
    const p = person('LD_UBND_XA');
    await ctx.db
      .updateTable('respondent')
      .set({ name: 'Trần "Tí" <script>alert(1)</script>' })
      .where('name', '=', p.name)
      .execute();
    const { res, forms, html } = await print([p.id]);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(forms).toHaveLength(1);
    expect(html).not.toContain('<script>alert(1)</script>');
    const [stub = '', sheets = ''] = (forms[0] ?? '').split('<div class="cut">');
    // The stub: who, the QR code of their link, their short code, how to return it.
    const code = await shortCodeOf(p.id);
    expect(stub).toContain('Trần &#34;Tí&#34; &#60;script&#62;alert(1)&#60;/script&#62;');
    expect(stub).toContain('Lãnh đạo UBND các xã, thị trấn');
    expect(stub).toContain('<svg');
    expect(stub).toContain(`Mã phiếu giấy: <span class="code">${code}</span>`);
    expect(stub).toContain('Nộp phần này cùng phiếu; hoặc quét mã để trả lời trực tuyến');
    // The sheets: every question, the five options, the comment lines, the demographics.
    const view = builtInDefinition().questionnaires.find((q) => q.id === 'P03');
    for (const q of view?.questions ?? []) expect(sheets).toContain(q.text);
    expect(sheets.match(/<table class="sheet"/g)).toHaveLength(1);
    // E's label is said once, in the columns' head repeated on every page.
    expect(sheets).toContain('<b>E.</b> Không biết/Không trả lời');
    expect(sheets.match(/<span class="box"><\/span>/g)?.length).toBeGreaterThanOrEqual(22 * 5);
    expect(sheets.match(/<div class="line"><\/div>/g)).toHaveLength(4);
    expect(sheets).toContain('Thông tin chung (không bắt buộc)');
    expect(sheets).toContain('Trình độ chuyên môn');
    // One serial in every sheet's head (printed on each page); never on the stub; no person on
    // the sheets.
    const serials = serialsIn(sheets);
    expect(serials).toHaveLength(2); // P03 and the demographics sheet
    expect(new Set(serials).size).toBe(1);
    expect(parseSerial(serials[0] ?? '')).not.toBeNull();
    const heads = sheets.match(/<thead>[\s\S]*?<\/thead>/g) ?? [];
    expect(heads).toHaveLength(2);
    for (const h of heads) expect(h).toContain(serials[0]);
    expect(stub).not.toContain(serials[0]);
    expect(stub).not.toContain((serials[0] ?? '').replace(/-/g, ''));
    expect(sheets).not.toContain('Tí');
    expect(sheets).not.toContain(code);
    expect(sheets).not.toContain('/s/');
  });

  it('prints a matrix questionnaire as grids of commune × six questions', async () => {
    const p = person('HDND_HUYEN');
    const { forms } = await print([p.id]);
    const p05 =
      (forms[0] ?? '').split('data-questionnaire="P05"')[1]?.split('<table class="sheet')[0] ?? '';
    const definition = builtInDefinition();
    const questions = definition.questionnaires.find((q) => q.id === 'P05')?.questions ?? [];
    const communes = (
      await ctx.db
        .selectFrom('unit')
        .select('name')
        .where('kind', 'in', ['xa', 'thi_tran'])
        .execute()
    ).map((u) => u.name);
    const rated = communes.filter((name) => p05.includes(name));
    expect(rated.length).toBeGreaterThanOrEqual(13);
    expect(p05.match(/<span class="box"><\/span>/g)).toHaveLength(
      questions.length * rated.length * 5,
    );
    for (const [i, q] of questions.entries()) expect(p05).toContain(`Câu ${i + 1}.</b> ${q.text}`);
    // Two grids (questions 1–6, 7–12), each a row per commune with 6 × 5 boxes.
    const grids = p05.match(/<table class="grid">[\s\S]*?<\/table>/g) ?? [];
    expect(grids).toHaveLength(2);
    for (const g of grids) {
      const rows = g.split('<tbody>')[1]?.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
      expect(rows).toHaveLength(rated.length);
      for (const r of rows) expect(r.match(/<span class="box"><\/span>/g)).toHaveLength(30);
    }
  });

  it('makes one fresh serial per person in one batch, only for those who have not answered', async () => {
    const leaders = ctx.links.filter((l) => l.group_code === 'LD_UBND_XA');
    const [done, revoked] = leaders;
    await ctx.respond(
      tokenOf(done?.link ?? ''),
      '/submit',
      json({ submissionId: submissionId(), answers: await fullAnswers(ctx.db, 'LD_UBND_XA') }),
    );
    await officer(`${CAMPAIGN}/invitations/${revoked?.id}/revoke`, post());
    const res = await officer(`${CAMPAIGN}/paper?group=LD_UBND_XA`);
    const html = await res.text();
    const forms = html.split('<section class="form">').slice(1);
    expect(forms).toHaveLength(4);
    expect(html).not.toContain(done?.name);
    expect(html).not.toContain(revoked?.name);
    const serials = forms.map((f) => serialsIn(f)[0]);
    expect(new Set(serials).size).toBe(4);
    const rows = await ctx.db.selectFrom('paperSerial').selectAll().execute();
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.groupCode === 'LD_UBND_XA' && r.entered === 0)).toBe(true);
    // Printed again: new serials, never the same ones (nothing derives them from the person).
    const again = serialsIn(await (await officer(`${CAMPAIGN}/paper?group=LD_UBND_XA`)).text());
    expect(again.filter((s) => serials.includes(s))).toEqual([]);
    // The audit says how many, never who got which serial.
    const [printed] = await auditRows('paper_printed');
    expect(JSON.parse(printed?.details ?? '{}')).toEqual({ count: 4, group: 'LD_UBND_XA' });
    const log = JSON.stringify(await ctx.db.selectFrom('auditLog').selectAll().execute());
    for (const s of serials) expect(log).not.toContain(s);
    for (const l of leaders.slice(2)) expect(log).not.toContain(l.id);
  });
});

describe('paper stubs', () => {
  it('marks the person’s link used: the online form then shows it submitted and refuses answers', async () => {
    const p = person('CC_CQCM_HUYEN');
    const token = tokenOf(p.link);
    await ctx.respond(token, '/draft', json({ answers: [] }, 'PUT'));
    const code = await shortCodeOf(p.id);
    const res = await officer(
      `${CAMPAIGN}/paper/stubs`,
      post({ code: code.toLowerCase().replace('-', ' ') }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      id: string;
      name: string;
      status: string;
      receipt: string;
    };
    expect(body).toMatchObject({ id: p.id, name: p.name, status: 'submitted' });
    expect(body.receipt).toMatch(/^GIẤY-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const view = await ctx.respond(token);
    expect(((await view.json()) as { status: string; receipt: string }).status).toBe('submitted');
    const draft = await ctx.respond(token, '/draft', json({ answers: [] }, 'PUT'));
    expect(draft.status).toBe(409);
    const submit = await ctx.respond(
      token,
      '/submit',
      json({ submissionId: submissionId(), answers: await fullAnswers(ctx.db, 'CC_CQCM_HUYEN') }),
    );
    expect(submit.status).toBe(409);
    expect(await ctx.db.selectFrom('draft').selectAll().execute()).toEqual([]);
    expect(await count('submission')).toBe(0);
    const [entry] = await auditRows('paper_stub_received');
    expect(entry?.target).toBe(p.id);
    const again = await officer(`${CAMPAIGN}/paper/stubs`, post({ code }));
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe(
      'already_submitted',
    );
  });

  it('refuses an unknown code (404), a revoked link or one already answered online (409)', async () => {
    const unknown = await officer(`${CAMPAIGN}/paper/stubs`, post({ code: 'ZZZZ-ZZZZ' }));
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain(
      'Không tìm thấy mã phiếu giấy',
    );
    const [a, b] = ctx.links.filter((l) => l.group_code === 'CC_CQCM_HUYEN');
    const codeOfRevoked = await shortCodeOf(a?.id ?? '');
    await officer(`${CAMPAIGN}/invitations/${a?.id}/revoke`, post());
    const revoked = await officer(`${CAMPAIGN}/paper/stubs`, post({ code: codeOfRevoked }));
    expect(revoked.status).toBe(409);
    expect(((await revoked.json()) as { error: { code: string } }).error.code).toBe('revoked');
    await ctx.respond(
      tokenOf(b?.link ?? ''),
      '/submit',
      json({ submissionId: submissionId(), answers: await fullAnswers(ctx.db, 'CC_CQCM_HUYEN') }),
    );
    const online = await officer(
      `${CAMPAIGN}/paper/stubs`,
      post({ code: await shortCodeOf(b?.id ?? '') }),
    );
    expect(online.status).toBe(409);
    expect(((await online.json()) as { error: { message: string } }).error.message).toContain(
      'đã gửi phiếu',
    );
  });
});

describe('entering paper forms', () => {
  /** One person's paper form printed and its stub returned: the serial of their sheets. */
  async function returned(group: string, i = 0) {
    const p = person(group, i);
    const { serials } = await print([p.id]);
    const res = await officer(`${CAMPAIGN}/paper/stubs`, post({ code: await shortCodeOf(p.id) }));
    expect(res.status).toBe(200);
    return serials[0] ?? '';
  }

  it('stores the answers like an online form, with no link to anyone, and refuses the serial twice', async () => {
    const serial = await returned('LD_UBND_XA');
    const answers = await fullAnswers(ctx.db, 'LD_UBND_XA', (i) => (i % 3 ? 'B' : 'E'));
    const entry = {
      serial: serial.toLowerCase().replace(/-/g, ''),
      answers,
      comments: { P03: '  Cần rút ngắn thời gian giải quyết hồ sơ.  ' },
      demographics: { gender: 'Nữ', age: '30–40' },
    };
    const res = await officer(`${CAMPAIGN}/paper/entries`, post(entry));
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['group', 'groupCode', 'serial']);
    expect(body.serial).toBe(serial);
    expect(JSON.stringify(body)).not.toMatch(/"option"|rút ngắn|Nữ/);
    expect(await stored()).toEqual({
      submission: 1,
      answer: answers.length,
      comment: 1,
      demographic: 2,
      answerTally: answers.length,
    });
    const [submission] = await ctx.db.selectFrom('submission').selectAll().execute();
    expect(submission).toMatchObject({ campaignId: 'demo-2023', groupCode: 'LD_UBND_XA' });
    const rows = await ctx.db.selectFrom('answer').selectAll().execute();
    expect(rows.every((r) => r.submissionId === submission?.id)).toBe(true);
    expect(rows.filter((r) => r.option === 'E')).toHaveLength(Math.ceil(answers.length / 3));
    const tallies = await ctx.db.selectFrom('answerTally').selectAll().execute();
    expect(tallies.every((t) => t.n === 1 && t.groupCode === 'LD_UBND_XA')).toBe(true);
    expect(await ctx.db.selectFrom('formTally').selectAll().execute()).not.toEqual([]);
    const [comment] = await ctx.db.selectFrom('comment').selectAll().execute();
    expect(comment?.text).toBe('Cần rút ngắn thời gian giải quyết hồ sơ.');
    expect((await ctx.db.selectFrom('paperSerial').select('entered').execute())[0]?.entered).toBe(
      1,
    );
    const [audited] = await auditRows('paper_entered');
    expect(audited?.target).toBeNull();
    expect(audited?.details).toBeNull();
    expect(audited?.userEmail).toMatch(/^officer-/);
    expect(`${audited?.details}`).not.toMatch(/rút ngắn|"B"|"E"/);

    const twice = await officer(`${CAMPAIGN}/paper/entries`, post(entry));
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { error: { code: string } }).error.code).toBe('serial_used');
    expect((await stored()).submission).toBe(1);
    expect(await auditRows('paper_entered')).toHaveLength(1);
  });

  it('enters a serial once even when two officers send it at the same moment', async () => {
    const serial = await returned('CC_CQCM_HUYEN', 0);
    await officer(
      `${CAMPAIGN}/paper/stubs`,
      post({ code: await shortCodeOf(person('CC_CQCM_HUYEN', 1).id) }),
    );
    const answers = await fullAnswers(ctx.db, 'CC_CQCM_HUYEN');
    const statuses = (
      await Promise.all(
        [0, 1].map(() => officer(`${CAMPAIGN}/paper/entries`, post({ serial, answers }))),
      )
    ).map((r) => r.status);
    expect(statuses.sort()).toEqual([201, 409]);
    expect((await stored()).submission).toBe(1);
  });

  it('refuses answers an online submit would refuse (422, with details) and stores nothing', async () => {
    const serial = await returned('CC_CQCM_HUYEN');
    const answers = await fullAnswers(ctx.db, 'CC_CQCM_HUYEN');
    const res = await officer(
      `${CAMPAIGN}/paper/entries`,
      post({ serial, answers: answers.slice(1), demographics: { gender: 'Khác' } }),
    );
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as {
      error: { code: string; details: { questionId: string; message: string }[] };
    };
    expect(error.code).toBe('invalid_answers');
    expect(error.details.map((d) => d.message)).toEqual([
      'Chưa trả lời câu 1.',
      '"Khác" không phải là lựa chọn của mục Giới tính.',
    ]);
    // Answers of another group's questionnaire are refused too.
    const wrong = await officer(
      `${CAMPAIGN}/paper/entries`,
      post({ serial, answers: await fullAnswers(ctx.db, 'LD_UBND_XA') }),
    );
    expect(wrong.status).toBe(422);
    expect(await stored()).toEqual(NOTHING);
    expect((await ctx.db.selectFrom('paperSerial').select('entered').execute())[0]?.entered).toBe(
      0,
    );
    expect(await auditRows('paper_entered')).toEqual([]);
    const ok = await officer(`${CAMPAIGN}/paper/entries`, post({ serial, answers }));
    expect(ok.status).toBe(201);
  });

  it('tells which sheets a serial was printed on, and whether it was entered, before typing', async () => {
    const serial = await returned('HDND_HUYEN');
    const look = (typed: string) =>
      officer(`${CAMPAIGN}/paper/serials/${encodeURIComponent(typed)}`);
    const before = await look(serial.toLowerCase().replace(/-/g, ' '));
    expect(before.status).toBe(200);
    expect(await before.json()).toEqual({
      serial,
      groupCode: 'HDND_HUYEN',
      group: 'Đại biểu HĐND huyện',
      entered: false,
    });
    const answers = await fullAnswers(ctx.db, 'HDND_HUYEN', 'C');
    expect((await officer(`${CAMPAIGN}/paper/entries`, post({ serial, answers }))).status).toBe(
      201,
    );
    expect(((await (await look(serial)).json()) as { entered: boolean }).entered).toBe(true);
    const last = serial.at(-1) === 'A' ? 'B' : 'A';
    const typo = await look(serial.slice(0, -1) + last);
    expect(typo.status).toBe(422);
    expect(((await typo.json()) as { error: { code: string } }).error.code).toBe('invalid_serial');
    const unknown = await look(formatSerial(newSerial()));
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe(
      'serial_not_found',
    );
  });

  it('checks the serial: a typing error (422), an unknown serial (404)', async () => {
    const serial = await returned('CC_CQCM_HUYEN');
    const answers = await fullAnswers(ctx.db, 'CC_CQCM_HUYEN');
    const last = serial.at(-1) === 'A' ? 'B' : 'A';
    const typo = await officer(
      `${CAMPAIGN}/paper/entries`,
      post({ serial: serial.slice(0, -1) + last, answers }),
    );
    expect(typo.status).toBe(422);
    expect(((await typo.json()) as { error: { code: string } }).error.code).toBe('invalid_serial');
    const unknown = await officer(
      `${CAMPAIGN}/paper/entries`,
      post({ serial: formatSerial(newSerial()), answers }),
    );
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe(
      'serial_not_found',
    );
    expect(await stored()).toEqual(NOTHING);
  });

  it('never enters more paper forms in a group than stubs came back (409 no_stub)', async () => {
    const withStub = await returned('CC_CQCM_HUYEN', 0);
    const { serials } = await print([person('CC_CQCM_HUYEN', 1).id]);
    const answers = await fullAnswers(ctx.db, 'CC_CQCM_HUYEN');
    const first = await officer(`${CAMPAIGN}/paper/entries`, post({ serial: serials[0], answers }));
    expect(first.status).toBe(201); // one stub in the group: one form may be entered
    const second = await officer(`${CAMPAIGN}/paper/entries`, post({ serial: withStub, answers }));
    expect(second.status).toBe(409);
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe('no_stub');
    expect((await stored()).submission).toBe(1);
    const unused = await ctx.db
      .selectFrom('paperSerial')
      .select('entered')
      .where('entered', '=', 0)
      .execute();
    expect(unused).toHaveLength(1); // the refused serial stays unused
    await officer(
      `${CAMPAIGN}/paper/stubs`,
      post({ code: await shortCodeOf(person('CC_CQCM_HUYEN', 1).id) }),
    );
    const later = await officer(`${CAMPAIGN}/paper/entries`, post({ serial: withStub, answers }));
    expect(later.status).toBe(201);
  });

  it('is one transaction: a failure half-way leaves the serial unused and nothing stored', async () => {
    const serial = await returned('CC_CQCM_HUYEN');
    const answers = await fullAnswers(ctx.db, 'CC_CQCM_HUYEN');
    const restore = await failInserts(ctx.db, 'comment', 'true', 'disk full');
    const res = await officer(
      `${CAMPAIGN}/paper/entries`,
      post({ serial, answers, comments: { P04: 'Ý kiến' } }),
    );
    expect(res.status).toBe(500);
    expect(await stored()).toEqual(NOTHING);
    expect(await ctx.db.selectFrom('formTally').selectAll().execute()).toEqual([]);
    expect((await ctx.db.selectFrom('paperSerial').select('entered').execute())[0]?.entered).toBe(
      0,
    );
    expect(await auditRows('paper_entered')).toEqual([]);
    await restore();
    const retry = await officer(`${CAMPAIGN}/paper/entries`, post({ serial, answers }));
    expect(retry.status).toBe(201);
  });

  it('takes no stub once closed, but the sheets of stubs received before, until results are locked (issue #13.1)', async () => {
    const first = await returned('CC_CQCM_HUYEN', 0);
    const second = await returned('CC_CQCM_HUYEN', 1);
    const { serials: noStub } = await print([person('CC_CQCM_HUYEN', 2).id]);
    await officer(`${CAMPAIGN}/close`, post());
    const stub = await officer(
      `${CAMPAIGN}/paper/stubs`,
      post({ code: await shortCodeOf(person('CC_CQCM_HUYEN', 2).id) }),
    );
    expect(stub.status).toBe(410);
    expect((await (await officer(`${CAMPAIGN}`)).json()) as object).toMatchObject({
      paperWaiting: 2,
    });

    const answers = await fullAnswers(ctx.db, 'CC_CQCM_HUYEN');
    const late = await officer(`${CAMPAIGN}/paper/entries`, post({ serial: first, answers }));
    expect(late.status).toBe(201);
    expect((await stored()).submission).toBe(1);
    // A run made while a sheet is still awaited says so.
    const analyst = await signIn(ctx, 'analyst');
    const run = (await (await analyst(`${CAMPAIGN}/runs`, post())).json()) as {
      paperWaiting: number;
      method: { runId: string };
    };
    expect(run.paperWaiting).toBe(1);
    expect(
      (await officer(`${CAMPAIGN}/paper/entries`, post({ serial: second, answers }))).status,
    ).toBe(201);
    // Still never more sheets than stubs of the group.
    const third = await officer(`${CAMPAIGN}/paper/entries`, post({ serial: noStub[0], answers }));
    expect(((await third.json()) as { error: { code: string } }).error.code).toBe('no_stub');
    const rerun = (await (await analyst(`${CAMPAIGN}/runs`, post())).json()) as {
      paperWaiting: number;
      method: { runId: string };
    };
    expect(rerun.paperWaiting).toBe(0);
    expect((await analyst(`${CAMPAIGN}/runs/${rerun.method.runId}/lock`, post())).status).toBe(200);

    // Locked: the official results are final.
    const afterLock = await officer(
      `${CAMPAIGN}/paper/entries`,
      post({ serial: noStub[0], answers }),
    );
    expect(afterLock.status).toBe(409);
    expect(await afterLock.json()).toMatchObject({
      error: {
        code: 'results_locked',
        message:
          'Kết quả chính thức của đợt khảo sát đã khóa: không nhập thêm phiếu giấy được nữa.',
      },
    });
    expect((await stored()).submission).toBe(2);
  });
});

describe('roles', () => {
  it('lets an analyst neither print, nor receive stubs, nor enter forms', async () => {
    const analyst = await signIn(ctx, 'analyst');
    const calls = [
      analyst(`${CAMPAIGN}/paper?group=LD_UBND_XA`),
      analyst(`${CAMPAIGN}/paper/stubs`, post({ code: 'ZZZZ-ZZZZ' })),
      analyst(`${CAMPAIGN}/paper/entries`, post({ serial: 'ZZZZ-ZZZZ-Z', answers: [] })),
    ];
    for (const res of await Promise.all(calls)) expect(res.status).toBe(403);
    expect(await ctx.db.selectFrom('paperSerial').selectAll().execute()).toEqual([]);
    const admin = await signIn(ctx, 'admin');
    expect((await admin(`${CAMPAIGN}/paper?group=LD_UBND_XA`)).status).toBe(200);
  });
});

describe('anonymity of paper forms', () => {
  const columns = (table: string) => tableColumns(ctx.db, table);

  it('paper_serial has no column for a person, an invitation, a submission, a time or an order', async () => {
    const names = await columns('paper_serial');
    expect(names.sort()).toEqual(['campaign_id', 'entered', 'group_code', 'serial_hash']);
    for (const name of names) {
      expect(name).not.toMatch(
        /respondent|invitation|submission|token|receipt|person|name|phone|email|_at$|time|date|seq|order|batch|rowid/i,
      );
    }
    expect(await foreignTables(ctx.db, 'paper_serial')).toEqual(['campaign']);
    // SQLite's physical order; PostgreSQL's is issue #12 part 3.
    if (onPostgres) return;
    const { rows } = await sql<{
      sql: string;
    }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'paper_serial'`.execute(
      ctx.db,
    );
    expect(rows[0]?.sql).toMatch(/without rowid\s*$/i);
  });

  it('no table of a person or a form names a serial', async () => {
    for (const table of [
      'respondent',
      'invitation',
      'invitation_event',
      'draft',
      'submission',
      'answer',
      'demographic',
      'comment',
      'answer_tally',
      'form_tally',
    ]) {
      for (const name of await columns(table)) expect(name).not.toMatch(/serial|paper/i);
    }
  });

  it('keeps neither the serial nor anything of the person where a copy of the database shows it', async () => {
    const p = person('LD_UBND_XA');
    const { serials } = await print([p.id]);
    await officer(`${CAMPAIGN}/paper/stubs`, post({ code: await shortCodeOf(p.id) }));
    const serial = serials[0] ?? '';
    const res = await officer(
      `${CAMPAIGN}/paper/entries`,
      post({ serial, answers: await fullAnswers(ctx.db, 'LD_UBND_XA') }),
    );
    expect(res.status).toBe(201);
    const dump = async (tables: string[]) => {
      const out: string[] = [];
      for (const t of tables) {
        const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(t)}`.execute(
          ctx.db,
        );
        out.push(JSON.stringify(rows));
      }
      return out.join('\n');
    };
    const [paperRow] = await ctx.db.selectFrom('paperSerial').selectAll().execute();
    const invitation = await ctx.db
      .selectFrom('invitation')
      .selectAll()
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    // The serial itself is stored nowhere but in the audit of its entry.
    const everything = await dump([
      'paper_serial',
      'invitation',
      'invitation_event',
      'respondent',
      'submission',
      'answer',
      'answer_tally',
      'form_tally',
      'demographic',
      'comment',
    ]);
    for (const form of [serial, serial.replace(/-/g, '')]) expect(everything).not.toContain(form);
    // Nothing of the person's side appears with the serial, and nothing of the serial with them.
    const personal = await dump(['invitation', 'invitation_event', 'respondent', 'draft']);
    expect(personal).not.toContain(paperRow?.serialHash);
    for (const v of [invitation.id, invitation.respondentId, invitation.tokenNonce]) {
      expect(JSON.stringify(paperRow)).not.toContain(v);
      expect(await dump(['submission', 'answer', 'demographic', 'comment'])).not.toContain(v);
    }
    const entries = await auditRows('paper_entered');
    expect(JSON.stringify(entries)).not.toContain(p.id);
    expect(JSON.stringify(entries)).not.toContain(p.name);
  });
});

describe('serials', () => {
  it('catch every single wrong character and every swap of two neighbours', () => {
    const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
    for (let n = 0; n < 20; n++) {
      const serial = newSerial();
      expect(serial).toMatch(/^[2-9A-HJKMNP-Z]{9}$/);
      expect(parseSerial(formatSerial(serial).toLowerCase())).toBe(serial);
      for (let i = 0; i < 9; i++) {
        for (const c of alphabet) {
          if (c === serial[i]) continue;
          expect(parseSerial(serial.slice(0, i) + c + serial.slice(i + 1))).toBeNull();
        }
        if (i < 8 && serial[i] !== serial[i + 1]) {
          const swapped = `${serial.slice(0, i)}${serial[i + 1]}${serial[i]}${serial.slice(i + 2)}`;
          expect(parseSerial(swapped)).toBeNull();
        }
      }
    }
    expect(parseSerial('K7QM-4X2P')).toBeNull();
    expect(parseSerial('O0I1-L000-0')).toBeNull();
  });
});
