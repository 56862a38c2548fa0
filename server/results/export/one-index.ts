import type { Distribution, ResultsDocument } from '../../../contract/results';
import type { Definition } from '../../../questionnaires';
import { ApiError } from '../../errors';

/**
 * A run's exports for one index (`?index=XA`): a province rates its 20 departments and its 95
 * communes with two indexes, and each office files its own table. The document keeps only that
 * index's units (and withheld units), the definition only that index (the workbook's
 * "Kết quả – …" and "Tiêu chí – …" sheets follow it), the distributions only its units. Ranks
 * are per index already (format.ts `ranks`), so they do not change. `undefined`: every index.
 */
export function forIndex(
  doc: ResultsDocument,
  definition: Definition,
  distributions: readonly Distribution[],
  code: string | undefined,
) {
  if (code === undefined || code === '') return { doc, definition, distributions, index: null };
  const index = definition.indexes.find((i) => i.code === code);
  if (!index)
    throw new ApiError(
      404,
      'not_found',
      `Bộ chỉ số của đợt khảo sát không có chỉ số "${code.slice(0, 40)}" (có: ${definition.indexes
        .map((i) => i.code)
        .join(', ')}).`,
    );
  const units = doc.units.filter((u) => u.index === index.code);
  const codes = new Set(units.map((u) => u.code));
  return {
    doc: { ...doc, units, withheld: doc.withheld.filter((u) => u.index === index.code) },
    definition: { ...definition, indexes: [index] },
    distributions: distributions.filter((d) => codes.has(d.unitCode)),
    index,
  };
}
