/**
 * Where the server may send requests it is told to send (a robot's or a webhook's URL typed in
 * by a manager): http(s) only, and never to this machine, the private network or link-local
 * addresses (the cloud metadata service at 169.254.169.254) — otherwise a manager's URL could
 * read or poke what only the server can reach (SSRF).
 *
 * The address check runs when the URL is saved and again on every delivery, on the addresses
 * the name resolves to at that moment, inside the connection's own lookup: a name that resolved
 * to a public address when saved and to 127.0.0.1 later (DNS rebinding) is refused then.
 * Platform-level, not the integrations module's: any module that calls out (the SMS provider,
 * robots, webhooks) needs the same guard, and platform code may not import modules.
 */
import dns from 'node:dns';
import net from 'node:net';

export type OutboundUrlProblem = 'WEBHOOK_URL_INVALID' | 'WEBHOOK_URL_PRIVATE';

export class OutboundUrlError extends Error {
  constructor(
    readonly code: OutboundUrlProblem,
    message: string,
  ) {
    super(message);
  }
}

const blocked = new net.BlockList();
// IPv4: "this" network, private (RFC 1918), carrier-grade NAT, loopback, link-local, IETF
// protocol assignments, benchmarking, multicast and reserved, broadcast.
for (const [address, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(address, prefix, 'ipv4');
// IPv6: unspecified, loopback, unique-local, link-local, site-local (deprecated), multicast.
blocked.addAddress('::', 'ipv6');
blocked.addAddress('::1', 'ipv6');
for (const [address, prefix] of [
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(address, prefix, 'ipv6');

/** An IPv4 address carried inside an IPv6 one (::ffff:a.b.c.d, 64:ff9b::/96 NAT64, ::a.b.c.d). */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::|::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1]!;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return null;
  const hi = parseInt(hex[1]!, 16);
  const lo = parseInt(hex[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Whether an IP address is one the server must not be sent to. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = net.isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(bare);
    return v4 !== null ? blocked.check(v4, 'ipv4') : blocked.check(bare, 'ipv6');
  }
  return true;
}

export interface OutboundPolicy {
  /** Hosts (names or addresses, lower case) allowed to resolve to private addresses: the tests' loopback receivers. */
  allowPrivateHosts: readonly string[];
  /** Name resolution; tests may replace it to play a rebinding name. */
  lookup?: (hostname: string) => Promise<{ address: string; family: number }[]>;
}

const systemLookup = (hostname: string) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/** The URL parsed, or a WEBHOOK_URL_INVALID problem: http(s), a host, no user:password. */
export function parseOutboundUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new OutboundUrlError('WEBHOOK_URL_INVALID', 'The address is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new OutboundUrlError('WEBHOOK_URL_INVALID', 'Only http and https addresses are allowed');
  if (!url.hostname) throw new OutboundUrlError('WEBHOOK_URL_INVALID', 'The address has no host');
  if (url.username || url.password) throw new OutboundUrlError('WEBHOOK_URL_INVALID', 'Credentials do not belong in the address');
  return url;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

/**
 * The addresses `hostname` resolves to, each checked; throws WEBHOOK_URL_PRIVATE when any is
 * private (a name with one public and one private address could be steered to the private one).
 */
export async function resolvePublicAddresses(hostname: string, policy: OutboundPolicy): Promise<{ address: string; family: number }[]> {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const allowed = policy.allowPrivateHosts.includes(host);
  const literal = net.isIP(host);
  let addresses: { address: string; family: number }[];
  if (literal) addresses = [{ address: host, family: literal }];
  else {
    try {
      addresses = await (policy.lookup ?? systemLookup)(host);
    } catch {
      throw new OutboundUrlError('WEBHOOK_URL_INVALID', `The host ${host} does not resolve`);
    }
  }
  if (addresses.length === 0) throw new OutboundUrlError('WEBHOOK_URL_INVALID', `The host ${host} does not resolve`);
  if (!allowed && addresses.some((a) => isPrivateAddress(a.address))) {
    throw new OutboundUrlError('WEBHOOK_URL_PRIVATE', `The host ${host} is a private, loopback or link-local address`);
  }
  return addresses;
}

/** The save-time check: a valid http(s) URL whose host resolves to public addresses only. */
export async function checkOutboundUrl(raw: string, policy: OutboundPolicy): Promise<URL> {
  const url = parseOutboundUrl(raw);
  await resolvePublicAddresses(hostOf(url), policy);
  return url;
}
