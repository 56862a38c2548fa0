/** Addresses of the results screens, every part escaped (run ids and unit codes are data). */
const base = (id: string) => `/console/c/${encodeURIComponent(id)}`;

export const resultsPath = (id: string, run?: string) =>
  `${base(id)}/results${run ? `/${encodeURIComponent(run)}` : ''}`;

export const unitReportPath = (id: string, run: string, unit: string) =>
  `${resultsPath(id, run)}/unit/${encodeURIComponent(unit)}`;

export const commentsPath = (id: string) => `${base(id)}/comments`;

/** A run's API path, `/api/campaigns/<id>/runs/<run><rest>`. */
export const runApi = (id: string, run: string, rest = '') =>
  `/api/campaigns/${encodeURIComponent(id)}/runs/${encodeURIComponent(run)}${rest}`;
