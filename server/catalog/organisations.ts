import { z } from 'zod';
import {
  NewOrganisationBody,
  Organisation,
  OrganisationPatch,
} from '../../contract/console/organisations';
import { ALL, type Endpoint } from './kit';

/** The organisation tree (issue #12): who reaches what. */
export const ORGANISATIONS: Endpoint[] = [
  {
    method: 'get',
    path: '/api/organisations',
    roles: ALL,
    tag: 'Tổ chức',
    response: z.array(Organisation),
    summary:
      'Tổ chức của tài khoản và các tổ chức cấp dưới (depth 0 là tổ chức của tài khoản); tài khoản chỉ thấy đợt khảo sát, tài khoản, nhật ký của các tổ chức này',
  },
  {
    method: 'post',
    path: '/api/organisations',
    roles: ['admin'],
    tag: 'Tổ chức',
    request: NewOrganisationBody,
    response: Organisation,
    created: true,
    summary:
      'Tạo tổ chức cấp dưới (parentId: tổ chức của tài khoản khi bỏ trống, hoặc một tổ chức cấp dưới của nó; ngoài phạm vi: 422 unknown_organisation)',
    body: { name: 'UBND xã Tân Hưng', kind: 'xã', officialCode: '25345' },
  },
  {
    method: 'patch',
    path: '/api/organisations/{oid}',
    roles: ['admin'],
    tag: 'Tổ chức',
    request: OrganisationPatch,
    response: Organisation,
    summary:
      'Đổi tên tổ chức của tài khoản hoặc một tổ chức cấp dưới (ngoài phạm vi: 422 unknown_organisation); ghi nhật ký tên cũ và tên mới',
    body: { name: 'UBND phường Tân Hưng' },
  },
];
