import { parseArgs } from 'node:util';
import { audit } from '../audit/log';
import type { Db } from '../db/connect';
import { ROOT_ORGANISATION } from '../db/schema';
import { ApiError } from '../errors';
import { findOrganisation, subtree } from './queries';
import { addOrganisation } from './service';

export const ORG_USAGE = `org add --name <tên> [--parent <id>] [--code <mã>] [--kind <loại>]
                                              tạo tổ chức (cấp dưới của --parent, mặc định
                                              tổ chức gốc); in mã (id) của tổ chức
  org list                                    cây tổ chức, mỗi dòng một tổ chức và mã (id)`;

export const ORG_OPTIONS = {
  name: { type: 'string' },
  parent: { type: 'string' },
  code: { type: 'string' },
  kind: { type: 'string' },
} as const;

/** `org add|list` (issue #12): the organisation tree from the command line. Returns the exit code. */
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
