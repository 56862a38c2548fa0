import { describe, expect, it } from 'vitest';
import { parseTrustProxy, resolveClientIp } from '../../server/auth/proxy';
import { loadConfig } from '../../server/config';

const env = (TRUST_PROXY: string) => ({ APP_SECRET: 'x'.repeat(40), TRUST_PROXY });

describe('TRUST_PROXY (issue #9.6)', () => {
  it('reads none, this machine, or a list of addresses and ranges; refuses anything else', () => {
    expect(loadConfig(env('0')).trustProxy).toBe(false);
    expect(loadConfig(env('')).trustProxy).toBe(false);
    expect(loadConfig(env('1')).trustProxy).toEqual(['127.0.0.1/8', '::1']);
    expect(loadConfig(env('10.0.0.5, 192.168.0.0/16,::1')).trustProxy).toEqual([
      '10.0.0.5',
      '192.168.0.0/16',
      '::1',
    ]);
    expect(() => loadConfig(env('nginx'))).toThrow(
      /TRUST_PROXY: địa chỉ proxy không hợp lệ: "nginx"/,
    );
    expect(parseTrustProxy('10.0.0.0/33')).toBe('10.0.0.0/33');
  });

  it('believes X-Forwarded-For only from a listed proxy, read from the right past the proxies', () => {
    const proxies = ['10.0.0.5', '172.16.0.0/12'];
    // Straight from a client: its own header is ignored, whatever it claims.
    expect(resolveClientIp('203.0.113.9', '1.2.3.4', proxies)).toBe('203.0.113.9');
    expect(resolveClientIp('203.0.113.9', '1.2.3.4', false)).toBe('203.0.113.9');
    // Through the proxy: the address the proxy appended; a client's forged prefix is skipped.
    expect(resolveClientIp('10.0.0.5', '1.2.3.4, 198.51.100.7', proxies)).toBe('198.51.100.7');
    expect(resolveClientIp('::ffff:10.0.0.5', '198.51.100.7', proxies)).toBe('198.51.100.7');
    // Two proxies in a row (a load balancer, then nginx).
    expect(resolveClientIp('10.0.0.5', '198.51.100.7, 172.16.3.4', proxies)).toBe('198.51.100.7');
    // Garbage in the header: the proxy's own address, never the garbage.
    expect(resolveClientIp('10.0.0.5', 'not-an-ip', proxies)).toBe('10.0.0.5');
    // TRUST_PROXY=1 (true): loopback only.
    expect(resolveClientIp('127.0.0.1', '198.51.100.7', true)).toBe('198.51.100.7');
    expect(resolveClientIp('192.0.2.1', '198.51.100.7', true)).toBe('192.0.2.1');
  });
});
