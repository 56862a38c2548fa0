import type { NewCampaignBody } from '../../contract/console/campaigns';
import {
  builtInDefinition,
  builtInProvinceDefinition,
  builtInUnitSet,
  type Definition,
  type UnitSet,
} from '../../questionnaires';
import { findProvince, provinceUnitSet } from '../../questionnaires/official';
import type { Db } from '../db/connect';
import { ApiError } from '../errors';
import { findDefinition, findUnitSet, listUnits } from './queries';
import { requireCampaign } from './scope';

/**
 * What a new campaign starts from (`POST /api/campaigns`): an earlier campaign's definition and
 * units (`copyOf`), the 2026 province template with one province's departments and communes, or
 * by default the Hớn Quản 2023 district template. Reads only: nothing is written before every
 * check has passed (an unknown province → 422 `unknown_province`).
 */
export async function campaignSource(
  db: Db,
  body: Pick<NewCampaignBody, 'copyOf' | 'template' | 'provinceCode'>,
  within?: string,
): Promise<{ definition: Definition; unitSet: UnitSet }> {
  if (body.copyOf) return copyOf(db, body.copyOf, within);
  if (body.template === 'province_2026') {
    const code = body.provinceCode ?? '';
    if (!findProvince(code)) {
      throw new ApiError(
        422,
        'unknown_province',
        code === ''
          ? 'Hãy chọn tỉnh, thành phố cho đợt khảo sát cấp tỉnh.'
          : `Không có tỉnh, thành phố mã "${code}" trong 34 tỉnh, thành phố từ 01/7/2025.`,
      );
    }
    return { definition: builtInProvinceDefinition(), unitSet: provinceUnitSet(code) };
  }
  return { definition: builtInDefinition(), unitSet: builtInUnitSet() };
}

/** Only a campaign the account can reach (`within` its organisation) is copied (issue #12). */
async function copyOf(db: Db, id: string, within?: string) {
  const source = await requireCampaign(db, id, within);
  const definition = (await findDefinition(db, source.definitionId)) ?? builtInDefinition();
  const set = await findUnitSet(db, source.unitSetId);
  const units = await listUnits(db, source.unitSetId);
  const unitSet: UnitSet = {
    code: set.code,
    name: set.name,
    validFrom: set.validFrom,
    units: units.map(({ code, name, kind, parentCode, officialCode, area }) => ({
      code,
      name,
      kind,
      parentCode,
      officialCode,
      area,
    })),
  };
  return { definition, unitSet };
}
