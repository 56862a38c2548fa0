import type { UnitInfo } from '../../../contract/console/campaigns';

/** A few of Đồng Nai's units as GET /api/campaigns/:id gives them (server/campaigns/source.ts). */
export const DONG_NAI_UNITS: UnitInfo[] = [
  {
    code: '75',
    name: 'Tỉnh Đồng Nai',
    kind: 'tinh',
    parentCode: null,
    officialCode: '75',
    area: null,
  },
  {
    code: 'SNV',
    name: 'Sở Nội vụ',
    kind: 'co_quan',
    parentCode: '75',
    officialCode: null,
    area: null,
  },
  {
    code: 'SYT',
    name: 'Sở Y tế',
    kind: 'co_quan',
    parentCode: '75',
    officialCode: null,
    area: null,
  },
  {
    code: '25326',
    name: 'Phường Bình Long',
    kind: 'phuong',
    parentCode: '75',
    officialCode: '25326',
    area: 'Thị xã Bình Long (cũ)',
  },
  {
    code: '25345',
    name: 'Xã Tân Hưng',
    kind: 'xa',
    parentCode: '75',
    officialCode: '25345',
    area: 'Huyện Hớn Quản (cũ)',
  },
];
