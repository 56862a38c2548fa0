import { BlockList, isIP } from 'node:net';

/**
 * TRUST_PROXY: which peers may say who the client is. "0"/"" none, "1" this machine's loopback
 * (nginx on the same host), else a comma-separated list of addresses and CIDR ranges. Returns
 * the list, or the first entry that is not an address or range.
 */
export function parseTrustProxy(value: string): string[] | string {
  const v = value.trim();
  if (v === '' || v === '0') return [];
  if (v === '1') return [...LOOPBACK];
  const entries = v
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const e of entries) {
    const [addr = '', prefix] = e.split('/');
    const family = isIP(addr);
    const max = family === 4 ? 32 : 128;
    if (!family || (prefix !== undefined && !(/^\d+$/.test(prefix) && Number(prefix) <= max)))
      return e;
  }
  return entries;
}

export const LOOPBACK: readonly string[] = ['127.0.0.1/8', '::1'];

const lists = new WeakMap<readonly string[], BlockList>();

function blockList(entries: readonly string[]): BlockList {
  let list = lists.get(entries);
  if (!list) {
    list = new BlockList();
    for (const e of entries) {
      const [addr = '', prefix] = e.split('/');
      const type = isIP(addr) === 6 ? 'ipv6' : 'ipv4';
      if (prefix !== undefined) list.addSubnet(addr, Number(prefix), type);
      else list.addAddress(addr, type);
    }
    lists.set(entries, list);
  }
  return list;
}

/** Whether `address` (as the socket gives it, IPv4-mapped IPv6 too) is one of `entries`. */
export function isTrusted(entries: readonly string[], address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const addr = mapped ?? address;
  const family = isIP(addr);
  if (!family) return false;
  return blockList(entries).check(addr, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy; then the
 * X-Forwarded-For list is read from the right (each proxy appends the address it saw) past
 * every trusted proxy, and the first other address is the client. X-Forwarded-For sent by any
 * other peer is ignored: a client cannot pick the address it is logged under.
 */
export function resolveClientIp(
  peer: string,
  forwardedFor: string | undefined,
  trustProxy: boolean | readonly string[],
): string {
  // true: this machine's loopback (as TRUST_PROXY=1); false: nobody.
  const trusted = trustProxy === true ? LOOPBACK : trustProxy || [];
  if (trusted.length === 0 || !forwardedFor || !isTrusted(trusted, peer)) return peer;
  const hops = forwardedFor
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] ?? '';
    if (!isIP(hop)) return peer;
    if (!isTrusted(trusted, hop)) return hop;
  }
  return hops[0] ?? peer;
}
