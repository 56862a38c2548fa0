import type { NewCampaignBody } from '../../contract/console/campaigns';
import {
  builtInDefinition,
  builtInProvinceDefinition,
  builtInSipasDefinition,
  builtInUnitSet,
  type Definition,
  type SipasDefinition,
  type UnitSet,
} from '../../questionnaires';
import { findProvince, provinceUnitSet } from '../../questionnaires/official';
import type { Db } from '../db/connect';
import { ApiError } from '../errors';
import { findDefinition, findSipasDefinition, findUnitSet, listUnits } from './queries';
import { requireCampaign } from './scope';

/** A new campaign's definition and units, by kind (issue #14: SIPAS has its own definition). */
export type CampaignSource =
  | { kind: 'par'; definition: Definition; unitSet: UnitSet }
  | { kind: 'sipas'; definition: SipasDefinition; unitSet: UnitSet };

/**
 * What a new campaign starts from, by kind: a SIPAS campaign takes the units as below and the
 * built-in SIPAS definition (or, copying a SIPAS campaign, its definition); a copy keeps the
 * kind of the campaign it copies unless `kind` says otherwise.
 */
export async function campaignSource(
  db: Db,
  body: Pick<NewCampaignBody, 'copyOf' | 'template' | 'provinceCode' | 'kind'>,
  within?: string,
): Promise<CampaignSource> {
  if (body.copyOf) {
    const source = await copyOf(db, body.copyOf, within);
    const kind = body.kind ?? source.kind;
    if (kind === 'sipas')
      return {
        kind,
        definition: source.sipas ?? builtInSipasDefinition(),
        unitSet: source.unitSet,
      };
    return { kind, definition: source.definition ?? builtInDefinition(), unitSet: source.unitSet };
  }
  const par = parSource(body);
  return body.kind === 'sipas'
    ? { kind: 'sipas', definition: builtInSipasDefinition(), unitSet: par.unitSet }
    : { kind: 'par', ...par };
}

/**
 * A built-in starting point (`POST /api/campaigns` without `copyOf`): the 2026 province template
 * with one province's departments and communes, or by default the Hớn Quản 2023 district
 * template. Reads only: nothing is written before every check has passed (an unknown province →
 * 422 `unknown_province`).
 */
function parSource(body: Pick<NewCampaignBody, 'template' | 'provinceCode'>): {
  definition: Definition;
  unitSet: UnitSet;
} {
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
  const definition = await findDefinition(db, source.definitionId);
  const sipas = await findSipasDefinition(db, source.definitionId);
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
  return { kind: source.kind, definition, sipas, unitSet };
}
