import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

/**
 * The SIPAS device session (issue #14.3): a random id in a signed, HttpOnly cookie, so that a
 * browser answers a collection point at most `daily_limit` times a day. The id is never stored:
 * the database keeps only HMAC(secret, id + point + day) (`sipas_device_day`), deleted the next
 * day. Nothing is keyed on the network address: a whole hall behind one Wi-Fi answers freely.
 *
 * Path=/api/p/: the limit is checked by `POST /api/p/<point>/submit` and the cookie is given by
 * `GET /api/p/<point>` (which the form calls as soon as its first screen shows); the pages
 * `/p/…` and `/c/…` never need it. SameSite=Lax: the form's own calls only.
 */
export const SIPAS_COOKIE = 'cchc_sipas';
const DAYS = 180;

const sign = (secret: string, body: string) =>
  createHmac('sha256', secret).update(`sipas-device:${body}`).digest('base64url');

/** This request's device id, if its cookie is genuine and not expired. */
export function readSipasDevice(c: Context, secret: string, now = Date.now()): string | null {
  const parts = getCookie(c, SIPAS_COOKIE)?.split('.') ?? [];
  if (parts.length !== 3) return null;
  const [id = '', exp = '', signature = ''] = parts;
  const expected = Buffer.from(sign(secret, `${id}.${exp}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (Number(exp) * 1000 < now) return null;
  return id;
}

/** The device id of this browser, giving it a cookie first when it has none. */
export function sipasDevice(c: Context, secret: string, secure: boolean, now = Date.now()) {
  const current = readSipasDevice(c, secret, now);
  if (current) return current;
  const id = randomBytes(16).toString('base64url');
  const exp = Math.floor(now / 1000) + DAYS * 86_400;
  setCookie(c, SIPAS_COOKIE, `${id}.${exp}.${sign(secret, `${id}.${exp}`)}`, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/api/p/',
    maxAge: DAYS * 86_400,
  });
  return id;
}

/** What the database keeps of "this device at this point today". */
export const deviceDayKey = (secret: string, device: string, pointId: string, day: string) =>
  createHmac('sha256', secret)
    .update(`sipas-device-day:${device}|${pointId}|${day}`)
    .digest('base64url');

/** The proof-of-work subject: a proof pays only for the device and point it was issued to. */
export const proofSubject = (device: string, pointId: string) => `${device}|${pointId}`;
