import { parseArgs } from 'node:util';
import { audit } from '../audit/log';
import { findUserByEmail } from '../auth/users';
import { findCampaign } from '../campaigns/queries';
import type { Db } from '../db/connect';
import { ROOT_ORGANISATION } from '../db/schema';
import { ApiError } from '../errors';
import { moveCampaign, moveUser, renameOrganisation } from './move';
import { findOrganisation, subtree } from './queries';
import { addOrganisation } from './service';

export const ORG_USAGE = `org add --name <tên> [--parent <id>] [--code <mã>] [--kind <loại>]
                                              tạo tổ chức (cấp dưới của --parent, mặc định
                                              tổ chức gốc); in mã (id) của tổ chức
  org list                                    cây tổ chức, mỗi dòng một tổ chức và mã (id)
  org rename --org <id> --name <tên>          đổi tên tổ chức
  org move --org <id> (--email <e> | --campaign <id>)
                                              chuyển tài khoản hoặc đợt khảo sát sang tổ chức --org`;

export const ORG_OPTIONS = {
  name: { type: 'string' },
  parent: { type: 'string' },
  code: { type: 'string' },
  kind: { type: 'string' },
  org: { type: 'string' },
  email: { type: 'string' },
  campaign: { type: 'string' },
} as const;

/** `org add|list|rename|move` (issue #12): the organisation tree from the command line. Returns the exit code. */
export async function orgCommand(db: Db, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values } = parseArgs({ args: rest, options: ORG_OPTIONS, strict: true });
  if (action === 'list') {
    for (const o of await subtree(db, ROOT_ORGANISATION)) {
      const extra = [o.kind, o.officialCode ? `mã ${o.officialCode}` : null].filter(Boolean);
      const note = extra.length ? ` (${extra.join(', ')})` : '';
      console.log(`${'  '.repeat(o.depth)}${o.name}${note}\t${o.id}`);
    }
    return 0;
  }
  if (action === 'rename' || action === 'move') return changeCommand(db, action, values);
  if (action !== 'add') {
    console.error(`Lỗi: dùng ${ORG_USAGE}`);
    return 1;
  }
  if (!values.name?.trim()) {
    console.error('Lỗi: cần --name <tên tổ chức>.');
    return 1;
  }
  const parentId = values.parent ?? ROOT_ORGANISATION;
  const parent = await findOrganisation(db, parentId);
  if (!parent)
    throw new ApiError(422, 'unknown_organisation', `Không có tổ chức mã "${parentId}".`);
  const org = await addOrganisation(db, {
    name: values.name,
    parentId,
    officialCode: values.code ?? null,
    kind: values.kind ?? null,
  });
  await audit(db, {
    action: 'organisation_added',
    target: org.name,
    details: { parent: parent.name, via: 'cli' },
    organisationId: org.id,
  });
  console.error(`Đã tạo tổ chức "${org.name}" thuộc "${parent.name}".`);
  console.log(org.id);
  return 0;
}

type OrgValues = Partial<Record<keyof typeof ORG_OPTIONS, string>>;

/**
 * `org rename --org <id> --name <tên>`, `org move --org <id> --email <e> | --campaign <id>`: the
 * whole tree is in reach from the command line; audited as from the console, `via: cli`.
 */
async function changeCommand(db: Db, action: 'rename' | 'move', values: OrgValues) {
  if (!values.org) {
    console.error('Lỗi: cần --org <mã tổ chức> (xem org list).');
    return 1;
  }
  const org = await findOrganisation(db, values.org);
  if (!org) throw new ApiError(422, 'unknown_organisation', `Không có tổ chức mã "${values.org}".`);
  if (action === 'rename') {
    if (!values.name?.trim()) {
      console.error('Lỗi: cần --name <tên mới>.');
      return 1;
    }
    const renamed = await renameOrganisation(db, org, values.name);
    await audit(db, {
      action: 'organisation_renamed',
      target: renamed.name,
      details: { from: org.name, to: renamed.name, via: 'cli' },
      organisationId: org.id,
    });
    console.log(`Đã đổi tên tổ chức "${org.name}" thành "${renamed.name}".`);
    return 0;
  }
  if (!values.email === !values.campaign) {
    console.error('Lỗi: cần đúng một trong --email <e> hoặc --campaign <id>.');
    return 1;
  }
  if (values.email) {
    const user = await findUserByEmail(db, values.email);
    if (!user)
      throw new ApiError(
        404,
        'not_found',
        `Không có tài khoản ${values.email.trim().toLowerCase()}.`,
      );
    const from = (await findOrganisation(db, user.organisationId))?.name ?? '';
    await moveUser(db, user.id, org.id);
    await audit(db, {
      action: 'user_moved',
      target: user.email,
      details: { from, to: org.name, via: 'cli' },
      organisationId: org.id,
    });
    console.log(`Đã chuyển tài khoản ${user.email} từ "${from}" sang "${org.name}".`);
    return 0;
  }
  const campaign = await findCampaign(db, values.campaign as string);
  if (!campaign)
    throw new ApiError(404, 'not_found', `Không tìm thấy đợt khảo sát "${values.campaign}".`);
  const from = (await findOrganisation(db, campaign.organisationId))?.name ?? '';
  await moveCampaign(db, campaign.id, org.id);
  await audit(db, {
    action: 'campaign_moved',
    campaignId: campaign.id,
    details: { from, to: org.name, via: 'cli' },
    organisationId: org.id,
  });
  console.log(`Đã chuyển đợt khảo sát ${campaign.id} từ "${from}" sang "${org.name}".`);
  return 0;
}
