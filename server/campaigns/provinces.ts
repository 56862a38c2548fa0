import { Hono } from 'hono';
import type { ProvinceInfo } from '../../contract/console/campaigns';
import { officialUnits, provinces } from '../../questionnaires/official';
import { type AuthEnv, requireRole } from '../auth/middleware';

let list: ProvinceInfo[] | undefined;

/** The 34 provinces and cities by official code, with how many communes of each kind they have. */
export function provinceList(): ProvinceInfo[] {
  list ??= provinces().map(({ code, name }) => {
    const communes = { total: 0, xa: 0, phuong: 0, dac_khu: 0 };
    for (const u of officialUnits()) {
      if (u.provinceCode !== code) continue;
      communes.total++;
      communes[u.kind]++;
    }
    return { code, name, communes };
  });
  return list;
}

/** `GET /api/provinces`: what the console offers when an office starts a province campaign. */
export function provinceRoutes() {
  const app = new Hono<AuthEnv>();
  app.get('/', requireRole('admin', 'officer'), (c) => c.json(provinceList()));
  return app;
}
