import type { z } from 'zod';
import type { Role } from '../db/schema';

/**
 * Every console endpoint, who may call it, and what it does: the source of /api/openapi.json and
 * of the role-matrix test (test/server/roles.test.ts), which fails if a route lets in a role that
 * is not listed here, or if a route exists that is not listed.
 */
export interface Endpoint {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, parameters in braces. */
  path: string;
  /** Who may call it; empty = anyone (sign-in). */
  roles: Role[];
  summary: string;
  tag: string;
  /** The request body's schema (contract/): validated by the route, described by /api/openapi.json. */
  request?: z.ZodType;
  /** The 2xx JSON response's schema (contract/), when it is described. */
  response?: z.ZodType;
  /** An example body, for documentation and for the role test. */
  body?: Record<string, unknown>;
  query?: string;
  /** The 2xx answer has no body (204). */
  noContent?: true;
  /** The answer is 201 Created; `on-commit`: 201 when a change was made, 200 for a preview. */
  created?: true | 'on-commit';
  /** Response content type when not JSON. */
  produces?: string;
}

export const STAFF: Role[] = ['admin', 'officer'];
export const ALL: Role[] = ['admin', 'officer', 'analyst'];
export const ANALYSTS: Role[] = ['admin', 'analyst'];
