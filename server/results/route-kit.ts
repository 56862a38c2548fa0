import type { Hono } from 'hono';
import { requireRole } from '../auth/middleware';
import type { CampaignEnv } from '../campaigns/scope';

/** What the results routes share: the app they add to, who may call them, file replies. */

export type ResultsApp = Hono<CampaignEnv>;

/** Analysts and admins only: an officer never reads answers or scores. */
export const analysts = requireRole('admin', 'analyst');

export { attachment, CSV, XLSX } from '../http';
