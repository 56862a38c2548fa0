import { audit } from '../audit/log';
import type { Db } from '../db/connect';
import { holdRewrite } from '../db/rewrite-rows';
import { ApiError } from '../errors';
import { type AnonymousForm, insertAnonymousForm } from '../respondent/store-form';
import { newReceipt } from '../secrets';
import { newSerial, serialHash } from './serial';

/** The receipt of an invitation whose paper stub came back: says "paper", nothing else. */
export const PAPER_RECEIPT_PREFIX = 'GIẤY-';

/**
 * New serials for the answer sheets of `groupCodes` (one per form, in the caller's order), made
 * in one batch: a single INSERT whose rows are sorted by their keys, so neither the table nor
 * its insertion order says which form of the batch got which serial. Returns the serials.
 */
export async function createSerials(
  db: Db,
  secret: string,
  campaignId: string,
  groupCodes: string[],
): Promise<string[]> {
  if (groupCodes.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    const serials = groupCodes.map(() => newSerial());
    // ~40 bits each: a clash is unlikely, but a clash would merge two forms, so make sure.
    for (;;) {
      const hashes = serials.map((s) => serialHash(secret, s));
      const taken = new Set(
        (
          await trx
            .selectFrom('paperSerial')
            .select('serialHash')
            .where('serialHash', 'in', hashes)
            .execute()
        ).map((r) => r.serialHash),
      );
      const seen = new Set<string>();
      const clashes = hashes.flatMap((h, i) => {
        const clash = taken.has(h) || seen.has(h);
        seen.add(h);
        return clash ? [i] : [];
      });
      if (clashes.length === 0) break;
      for (const i of clashes) serials[i] = newSerial();
    }
    const rows = serials
      .map((s, i) => ({
        serialHash: serialHash(secret, s),
        campaignId,
        groupCode: groupCodes[i] ?? '',
      }))
      .sort((a, b) => (a.serialHash < b.serialHash ? -1 : 1));
    for (let i = 0; i < rows.length; i += 300) {
      await trx
        .insertInto('paperSerial')
        .values(rows.slice(i, i + 300))
        .execute();
    }
    return serials;
  });
}

/**
 * A returned stub: the person's invitation becomes `submitted` with a paper receipt (only if it
 * was neither submitted nor revoked), the event is recorded, the draft deleted, the act audited.
 * One transaction. Nothing here knows the serial of the sheets that came with it.
 */
export async function receiveStub(
  db: Db,
  opts: {
    invitationId: string;
    campaignId: string;
    user: { id: string; email: string };
    ip: string;
  },
  now = new Date(),
): Promise<{ receipt: string }> {
  const at = now.toISOString();
  const receipt = `${PAPER_RECEIPT_PREFIX}${newReceipt()}`;
  await db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('invitation')
      .set({ status: 'submitted', submittedAt: at, receipt, submitHash: null })
      .where('id', '=', opts.invitationId)
      .where('status', 'not in', ['submitted', 'revoked'])
      .executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) {
      throw new ApiError(
        409,
        'already_submitted',
        'Người này đã gửi phiếu trước đó (trực tuyến hoặc phiếu giấy).',
      );
    }
    await trx
      .insertInto('invitationEvent')
      .values({ invitationId: opts.invitationId, status: 'submitted', at })
      .execute();
    await trx.deleteFrom('draft').where('invitationId', '=', opts.invitationId).execute();
    await audit(
      trx,
      {
        user: opts.user,
        action: 'paper_stub_received',
        campaignId: opts.campaignId,
        target: opts.invitationId,
        ip: opts.ip,
      },
      now,
    );
  });
  return { receipt };
}

/**
 * Enters a paper form's checked answers under its serial, in one transaction: the serial is
 * claimed (once: 409 `serial_used`), the group may not have more paper forms entered than paper
 * stubs returned (409 `no_stub`), the form is stored exactly like an online one with no link to
 * anyone, and the entry is audited (who and when: never the serial, the person or the answers).
 */
export async function enterPaperForm(
  db: Db,
  opts: {
    secret: string;
    serial: string;
    form: AnonymousForm;
    criteria: Map<string, string>;
    user: { id: string; email: string };
    ip: string;
  },
  now = new Date(),
): Promise<void> {
  const { campaignId, groupCode } = opts.form;
  await db.transaction().execute(async (trx) => {
    // Not while the anonymous rows are rewritten (server/db/rewrite-rows.ts): the serial's row
    // would be found deleted, and the serial said used.
    await holdRewrite(trx);
    const claimed = await trx
      .updateTable('paperSerial')
      .set({ entered: 1 })
      .where('serialHash', '=', serialHash(opts.secret, opts.serial))
      .where('campaignId', '=', campaignId)
      .where('entered', '=', 0)
      .executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) throw serialUsed();
    // One person, one voice: paper forms of a group never outnumber the stubs that came back.
    const entered = await trx
      .selectFrom('paperSerial')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('campaignId', '=', campaignId)
      .where('groupCode', '=', groupCode)
      .where('entered', '=', 1)
      .executeTakeFirstOrThrow();
    const stubs = await trx
      .selectFrom('invitation as i')
      .innerJoin('respondent as r', 'r.id', 'i.respondentId')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('i.campaignId', '=', campaignId)
      .where('r.groupCode', '=', groupCode)
      .where('i.status', '=', 'submitted')
      .where('i.receipt', 'like', `${PAPER_RECEIPT_PREFIX}%`)
      .executeTakeFirstOrThrow();
    if (Number(entered.n) > Number(stubs.n)) {
      throw new ApiError(
        409,
        'no_stub',
        'Số phiếu giấy đã nhập của nhóm này sẽ vượt số cuống phiếu đã nhận. Hãy ghi nhận cuống phiếu đi kèm trước khi nhập phiếu.',
      );
    }
    await insertAnonymousForm(trx, opts.form, opts.criteria);
    // That an entry happened, by whom: never which serial (the sheets, kept on paper, carry it
    // beside the answers; the stub's receipt, just before, names the person), nor its group.
    await audit(trx, { user: opts.user, action: 'paper_entered', campaignId, ip: opts.ip }, now);
  });
}

export const serialUsed = () =>
  new ApiError(409, 'serial_used', 'Phiếu có số phiếu này đã được nhập trước đó.');
