import type { ErrorCode } from '../../contract/errors';
import type { Group } from '../../questionnaires';
import { audit } from '../audit/log';
import { campaignPhase } from '../campaigns/phase';
import { findDefinition, listUnits } from '../campaigns/queries';
import { type Db, inTransaction } from '../db/connect';
import type { Campaign } from '../db/schema';
import { ApiError } from '../errors';
import { insertPeople } from '../invitations/service';
import { unitMatcher, workplaceUnits } from './match';
import { capitalizeName, cleanText, normalizeEmail, normalizePhone } from './normalize';
import { deletePerson, listRosterRespondents, updatePerson } from './queries';
import { nameKey, type Person } from './validate';

/** What the console's "Thêm người" / "Sửa" form sends; every field as typed. */
export interface PersonInput {
  name?: string;
  groupCode?: string;
  unitCode?: string | null;
  workplace?: string | null;
  position?: string | null;
  phone?: string | null;
  email?: string | null;
}

type User = { id: string; email: string } | null;

const MAX_NAME = 200;
const MAX_TEXT = 500;
const bad = (code: ErrorCode, message: string) => new ApiError(422, code, message);
const optional = (v: string | null | undefined) => cleanText(v) || null;

async function context(db: Db, campaign: Campaign) {
  if (campaignPhase(campaign) === 'closed') {
    throw new ApiError(409, 'campaign_closed', 'Đợt khảo sát đã đóng: không sửa danh sách được.');
  }
  const definition = await findDefinition(db, campaign.definitionId);
  if (!definition) throw new Error(`Không tìm thấy định nghĩa ${campaign.definitionId}.`);
  const units = workplaceUnits(await listUnits(db, campaign.unitSetId));
  return { campaign, groups: definition.groups, units, matchUnit: unitMatcher(units) };
}

/** Normalises a person as the import does (NFC, capitalisation, phone, e-mail) and checks it. */
function toPerson(
  input: Required<Pick<PersonInput, 'name' | 'groupCode'>> & PersonInput,
  groups: Group[],
  units: { code: string; name: string }[],
): Person {
  const name = capitalizeName(input.name);
  if (name === '') throw bad('missing_name', 'Thiếu họ và tên.');
  if (!/\p{L}/u.test(name)) throw bad('invalid_name', `Họ và tên "${name}" không có chữ cái nào.`);
  if ([...name].length > MAX_NAME) throw bad('too_long', `Họ và tên dài hơn ${MAX_NAME} ký tự.`);
  const group = groups.find((g) => g.code === input.groupCode);
  if (!group) {
    throw bad(
      'unknown_group',
      `Không có nhóm đối tượng "${input.groupCode}": chọn một trong ${groups.map((g) => g.name).join(', ')}.`,
    );
  }
  const unitCode = optional(input.unitCode);
  const unit = unitCode ? units.find((u) => u.code === unitCode) : undefined;
  if (unitCode && !unit) {
    throw bad(
      'unknown_unit',
      `Đơn vị "${unitCode}" không phải phòng ban hay xã, thị trấn trong danh sách đơn vị của đợt khảo sát.`,
    );
  }
  if (group.unitRequired && !unit) {
    throw bad('missing_unit', `Thiếu đơn vị công tác (bắt buộc với nhóm "${group.name}").`);
  }
  const position = optional(input.position);
  const workplace = optional(input.workplace) ?? unit?.name ?? null;
  for (const [label, v] of [
    ['Chức vụ', position],
    ['Nơi công tác', workplace],
  ] as const) {
    if ([...(v ?? '')].length > MAX_TEXT)
      throw bad('too_long', `${label} dài hơn ${MAX_TEXT} ký tự.`);
  }
  const phone = normalizePhone(input.phone);
  if (phone && !phone.ok) {
    throw bad(
      'invalid_phone',
      phone.reason === 'multiple'
        ? `Ô số điện thoại có nhiều số ("${input.phone}"): chỉ ghi một số di động.`
        : `Số điện thoại "${input.phone}" không hợp lệ: cần 10 chữ số, bắt đầu bằng 0.`,
    );
  }
  const email = normalizeEmail(input.email);
  if (email && !email.ok) throw bad('invalid_email', `Email "${input.email}" không hợp lệ.`);
  return {
    name,
    groupCode: group.code,
    unitCode: group.unitRequired || unit ? (unit?.code ?? null) : null,
    workplace,
    position,
    phone: phone?.ok ? phone.phone : null,
    email: email?.ok ? email.email : null,
  };
}

/** The same person (docs/method.md §16): same phone, else same e-mail, else same name, unit and group. */
async function refuseDuplicate(
  db: Db,
  campaignId: string,
  person: Person,
  matchUnit: ReturnType<typeof unitMatcher>,
  except?: string,
) {
  const others = (await listRosterRespondents(db, campaignId)).filter((r) => r.id !== except);
  const key = nameKey(person, matchUnit);
  const same =
    (person.phone && others.find((r) => r.phone === person.phone)) ||
    (person.email && others.find((r) => r.email === person.email)) ||
    others.find((r) => nameKey(r, matchUnit) === key);
  if (!same) return;
  const by =
    person.phone && same.phone === person.phone
      ? `cùng số điện thoại ${person.phone}`
      : person.email && same.email === person.email
        ? `cùng email ${person.email}`
        : 'cùng họ tên, nhóm và đơn vị';
  throw new ApiError(
    409,
    'duplicate_person',
    `Đã có người này trong danh sách: ${same.name}${same.workplace ? ` (${same.workplace})` : ''}, ${by}.`,
    { respondentId: same.id },
  );
}

async function findPerson(db: Db, campaignId: string, respondentId: string) {
  const row = (await listRosterRespondents(db, campaignId)).find((r) => r.id === respondentId);
  if (!row) throw new ApiError(404, 'not_found', 'Không tìm thấy người này trong danh sách.');
  return row;
}

/** Adds one person and their invitation; returns the respondent's id. */
export async function addPerson(
  db: Db,
  secret: string,
  campaign: Campaign,
  input: PersonInput,
  user: User,
): Promise<{ respondentId: string; person: Person }> {
  const campaignId = campaign.id;
  const ctx = await context(db, campaign);
  const person = toPerson(
    { ...input, name: input.name ?? '', groupCode: input.groupCode ?? '' },
    ctx.groups,
    ctx.units,
  );
  return inTransaction(db, async (trx) => {
    await refuseDuplicate(trx, campaignId, person, ctx.matchUnit);
    const [{ respondentId = '' } = {}] = await insertPeople(trx, secret, campaignId, [person]);
    await audit(trx, {
      user,
      action: 'respondent_added',
      campaignId,
      target: respondentId,
      details: { groupCode: person.groupCode, unitCode: person.unitCode },
    });
    return { respondentId, person };
  });
}

/** Changes a person's details (partial); the link stays. A group change is refused once submitted. */
export async function editPerson(
  db: Db,
  campaign: Campaign,
  respondentId: string,
  input: PersonInput,
  user: User,
): Promise<Person> {
  const campaignId = campaign.id;
  const ctx = await context(db, campaign);
  return inTransaction(db, async (trx) => {
    const old = await findPerson(trx, campaignId, respondentId);
    const person = toPerson(
      {
        name: input.name ?? old.name,
        groupCode: input.groupCode ?? old.groupCode,
        unitCode: input.unitCode !== undefined ? input.unitCode : old.unitCode,
        workplace:
          input.workplace !== undefined
            ? input.workplace
            : input.unitCode !== undefined
              ? null
              : old.workplace,
        position: input.position !== undefined ? input.position : old.position,
        phone: input.phone !== undefined ? input.phone : old.phone,
        email: input.email !== undefined ? input.email : old.email,
      },
      ctx.groups,
      ctx.units,
    );
    if (old.invitationStatus === 'submitted' && person.groupCode !== old.groupCode) {
      throw new ApiError(
        409,
        'already_submitted',
        'Người này đã gửi phiếu theo nhóm cũ: không đổi nhóm đối tượng được.',
      );
    }
    await refuseDuplicate(trx, campaignId, person, ctx.matchUnit, respondentId);
    await updatePerson(trx, campaignId, respondentId, person);
    const changes = (Object.keys(person) as (keyof Person)[]).filter((k) => person[k] !== old[k]);
    await audit(trx, {
      user,
      action: 'respondent_edited',
      campaignId,
      target: respondentId,
      details: { changes },
    });
    return person;
  });
}

/**
 * Removes a person entered by mistake: respondent, invitation, draft, events and reminders in
 * one transaction, so they leave the denominator and their personal data is gone. Refused once
 * they submitted: the submission is counted and must stay with its invitation.
 */
export async function removePerson(
  db: Db,
  campaign: Campaign,
  respondentId: string,
  user: User,
): Promise<void> {
  const campaignId = campaign.id;
  await context(db, campaign);
  await inTransaction(db, async (trx) => {
    const old = await findPerson(trx, campaignId, respondentId);
    if (old.invitationStatus === 'submitted') {
      throw new ApiError(
        409,
        'already_submitted',
        `${old.name} đã gửi phiếu: không xóa được (phiếu đã được tính vào kết quả).`,
      );
    }
    await deletePerson(trx, campaignId, respondentId, old.invitationId);
    await audit(trx, {
      user,
      action: 'respondent_removed',
      campaignId,
      target: respondentId,
      details: { groupCode: old.groupCode, unitCode: old.unitCode, status: old.invitationStatus },
    });
  });
}
