// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { ProvinceInfo } from '../../../contract/console/campaigns';
import { builtInProvinceDefinition } from '../../../questionnaires';
import {
  campaign,
  click,
  errorReply,
  fakeServer,
  openAt,
  settle,
  signedIn,
  useConsoleEnv,
} from './helpers';
import { DONG_NAI_UNITS } from './units-fixture';

useConsoleEnv();

const PROVINCES: ProvinceInfo[] = [
  {
    code: '01',
    name: 'Thành phố Hà Nội',
    communes: { total: 126, xa: 75, phuong: 51, dac_khu: 0 },
  },
  { code: '75', name: 'Tỉnh Đồng Nai', communes: { total: 95, xa: 72, phuong: 23, dac_khu: 0 } },
  { code: '22', name: 'Tỉnh Quảng Ninh', communes: { total: 54, xa: 22, phuong: 30, dac_khu: 2 } },
];

const created = campaign({
  id: 'dn2026',
  name: 'Khảo sát năm 2026',
  phase: 'not_open',
  opensAt: null,
  closesAt: null,
  definition: { code: 'tinh-2026', version: 1, name: 'Chỉ số CCHC cấp tỉnh 2026' },
  groups: builtInProvinceDefinition().groups.map((g) => ({
    code: g.code,
    name: g.name,
    questionnaires: g.questionnaires,
    unitRequired: g.unitRequired,
  })),
  units: DONG_NAI_UNITS,
  counts: { invited: 0, submitted: 0 },
});

function serve() {
  return fakeServer({
    ...signedIn('officer'),
    'GET /api/campaigns': { status: 200, body: [campaign()] },
    'GET /api/provinces': { status: 200, body: PROVINCES },
    'POST /api/campaigns': { status: 201, body: created },
    'GET /api/campaigns/dn2026': { status: 200, body: created },
  });
}

async function openForm() {
  await openAt('/console');
  await click('Tạo đợt khảo sát');
  return screen.getByRole('form', { name: 'Tạo đợt khảo sát' });
}

const provinceSelect = (form: HTMLElement) =>
  within(form).getByLabelText('Chọn tỉnh, thành phố') as HTMLSelectElement;
const search = (form: HTMLElement, value: string) =>
  fireEvent.input(within(form).getByLabelText('Tìm tỉnh, thành phố'), { target: { value } });

describe('creating a province campaign', () => {
  it('lists the provinces only for the province template, by name, with their communes', async () => {
    const server = serve();
    const form = await openForm();
    expect(within(form).queryByLabelText('Chọn tỉnh, thành phố')).toBeNull();
    expect(server.gets('/api/provinces')).toHaveLength(0);
    fireEvent.click(within(form).getByLabelText(/^Cấp tỉnh, từ 2026 \(sở, ban, ngành/));
    await settle();
    const options = within(provinceSelect(form))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual([
      '— Chọn một trong 3 tỉnh, thành phố —',
      'Tỉnh Đồng Nai — 95 đơn vị cấp xã (72 xã, 23 phường)',
      'Thành phố Hà Nội — 126 đơn vị cấp xã (75 xã, 51 phường)',
      'Tỉnh Quảng Ninh — 54 đơn vị cấp xã (22 xã, 30 phường, 2 đặc khu)',
    ]);
  });

  it('a search without diacritics picks the province; the campaign is sent with its code and opens on its units', async () => {
    const server = serve();
    const form = await openForm();
    fireEvent.input(within(form).getByLabelText('Tên đợt khảo sát'), {
      target: { value: 'Khảo sát năm 2026' },
    });
    fireEvent.click(within(form).getByLabelText(/^Cấp tỉnh, từ 2026/));
    await settle();
    search(form, 'dong nai');
    await settle();
    expect(provinceSelect(form).value).toBe('75');
    expect(
      within(form).getByText(/^Tỉnh Đồng Nai: 95 đơn vị cấp xã \(72 xã, 23 phường\)/),
    ).toBeTruthy();
    await click('Tạo đợt khảo sát', form);
    expect(server.changes()[0]?.body).toEqual({
      name: 'Khảo sát năm 2026',
      template: 'province_2026',
      provinceCode: '75',
      opensAt: null,
      closesAt: null,
      contactName: null,
      contactPhone: null,
      targetRate: null,
    });
    expect(location.pathname).toBe('/console/c/dn2026/units');
    const table = screen.getByRole('table', { name: 'Các đơn vị của đợt khảo sát' });
    const heads = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(heads).toEqual(['Tên đơn vị', 'Loại', 'Mã ĐVHC', 'Mã', 'Huyện cũ']);
  });

  it('a search that matches nothing says so and leaves nothing chosen', async () => {
    serve();
    const form = await openForm();
    fireEvent.click(within(form).getByLabelText(/^Cấp tỉnh, từ 2026/));
    await settle();
    search(form, 'Hớn Quản');
    await settle();
    expect(provinceSelect(form).value).toBe('');
    expect(within(form).getByText('Không có tỉnh, thành phố nào khớp «Hớn Quản».')).toBeTruthy();
  });

  it("shows the server's refusal of a province code in Vietnamese and stays on the form", async () => {
    const server = serve();
    server.on(
      'POST /api/campaigns',
      errorReply(
        422,
        'unknown_province',
        'Không có tỉnh, thành phố mã "70" trong 34 tỉnh, thành phố từ 01/7/2025.',
      ),
    );
    const form = await openForm();
    fireEvent.input(within(form).getByLabelText('Tên đợt khảo sát'), { target: { value: 'Đợt' } });
    fireEvent.click(within(form).getByLabelText(/^Cấp tỉnh, từ 2026/));
    await settle();
    fireEvent.change(provinceSelect(form), { target: { value: '22' } });
    await settle();
    await click('Tạo đợt khảo sát', form);
    expect(server.changes()[0]?.body).toMatchObject({ provinceCode: '22' });
    expect(within(form).getByRole('alert').textContent).toContain('Không có tỉnh, thành phố mã');
    expect(location.pathname).toBe('/console');
  });
});

describe('what a new campaign starts from, by the office', () => {
  const office = (provinceCode: string | null) => ({
    id: 'th',
    name: 'Xã Tân Hưng',
    parentId: null,
    officialCode: null,
    kind: 'xã',
    depth: 0,
    provinceCode,
  });

  it('an office of a 2026 province starts from its province’s units, a SIPAS campaign too (qa6)', async () => {
    const server = serve();
    server.on('GET /api/organisations', { status: 200, body: [office('75')] });
    const form = await openForm();
    fireEvent.input(within(form).getByLabelText('Tên đợt khảo sát'), {
      target: { value: 'Khảo sát sự hài lòng 2026' },
    });
    fireEvent.click(within(form).getByLabelText(/^Khảo sát sự hài lòng \(SIPAS\)/));
    await settle();
    expect((within(form).getByLabelText(/^Cấp tỉnh, từ 2026/) as HTMLInputElement).checked).toBe(
      true,
    );
    expect(provinceSelect(form).value).toBe('75');
    // One organisation: nothing to choose.
    expect(within(form).queryByLabelText('Thuộc tổ chức')).toBeNull();
    await click('Tạo đợt khảo sát', form);
    expect(server.changes()[0]?.body).toMatchObject({
      kind: 'sipas',
      template: 'province_2026',
      provinceCode: '75',
    });
    expect(server.changes()[0]?.body).not.toHaveProperty('organisationId');
  });

  it('an organisation with no province (a 2023 district) starts from the Hớn Quản 2023 list', async () => {
    const server = serve();
    server.on('GET /api/organisations', { status: 200, body: [office(null)] });
    const form = await openForm();
    await settle();
    expect(
      (within(form).getByLabelText(/^Cấp huyện \(mẫu Hớn Quản 2023\)/) as HTMLInputElement).checked,
    ).toBe(true);
    expect(within(form).queryByLabelText('Chọn tỉnh, thành phố')).toBeNull();
  });
});
