import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

/**
 * The OWASP "device cookie": after a correct sign-in the browser gets a signed cookie naming
 * the account and a random device id. A sign-in to that account from that browser is then
 * "trusted": it pays no proof of work and its failures count against the device (10 an hour),
 * not the account — so strangers failing at an account never slow down its owner's own devices.
 */
export const DEVICE_COOKIE = 'cchc_device';
const DEVICE_DAYS = 180;
/** Failures a trusted device may make in the window before it is treated as a stranger. */
export const DEVICE_FAILURES = 10;

const sign = (secret: string, body: string) =>
  createHmac('sha256', secret).update(`device:${body}`).digest('base64url');

export interface Device {
  userId: string;
  id: string;
}

/** The device cookie of this request, if it is genuine and not expired. */
export function readDevice(c: Context, secret: string, now = Date.now()): Device | null {
  const value = getCookie(c, DEVICE_COOKIE);
  const parts = value?.split('.') ?? [];
  if (parts.length !== 4) return null;
  const [userId = '', id = '', exp = '', signature = ''] = parts;
  const expected = Buffer.from(sign(secret, `${userId}.${id}.${exp}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (Number(exp) * 1000 < now) return null;
  return { userId, id };
}

/** Gives this browser a device cookie for the account (kept when it already has one for it). */
export function rememberDevice(
  c: Context,
  secret: string,
  userId: string,
  secure: boolean,
  now = Date.now(),
) {
  const current = readDevice(c, secret, now);
  const id = current?.userId === userId ? current.id : randomBytes(16).toString('base64url');
  const exp = Math.floor(now / 1000) + DEVICE_DAYS * 86_400;
  const body = `${userId}.${id}.${exp}`;
  setCookie(c, DEVICE_COOKIE, `${body}.${sign(secret, body)}`, {
    httpOnly: true,
    sameSite: 'Strict',
    secure,
    path: '/api/auth',
    maxAge: DEVICE_DAYS * 86_400,
  });
}
