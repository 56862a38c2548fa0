import { createHmac } from 'node:crypto';

/**
 * What the database keeps of a SIPAS one-time code (`sipas_code.code_hash`), whatever case,
 * spaces and dashes the person typed: HMAC-SHA256(secret, 'sipas-code:' + the code's letters and
 * digits, upper case), base64url. The code itself is never stored (issue #14).
 */
export function sipasCodeHash(secret: string, code: string): string {
  const clean = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return createHmac('sha256', secret).update(`sipas-code:${clean}`).digest('base64url');
}
