import { isIP } from 'node:net';

/**
 * What kind of address a connection would go to. Everything but `public` is refused for URLs learned from a
 * server's answers unless the target itself is of that kind or the user passed `--allow-private`: a hostile server
 * must not steer the check to the user's own network or to a cloud metadata service (SSRF).
 */
export type AddressClass = 'loopback' | 'private' | 'link-local' | 'metadata' | 'reserved' | 'public';

function ipv4Bytes(address: string): number[] | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = parts.map(Number);
  return bytes.every((b) => Number.isInteger(b) && b >= 0 && b <= 255) ? bytes : undefined;
}

function classifyIpv4([a, b, c, d]: number[]): AddressClass {
  // Cloud metadata: AWS/GCP/Azure/OpenStack 169.254.169.254, Alibaba 100.100.100.200, Oracle 192.0.0.192.
  if ((a === 169 && b === 254 && c === 169 && d === 254) || (a === 100 && b === 100 && c === 100 && d === 200)) return 'metadata';
  if (a === 192 && b === 0 && c === 0 && d === 192) return 'metadata';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168)) return 'private'; // RFC 1918
  if (a === 100 && b! >= 64 && b! <= 127) return 'private'; // RFC 6598 shared address space
  if (a === 169 && b === 254) return 'link-local'; // RFC 3927
  // This network, IETF protocol assignments, documentation (RFC 5737), benchmarking, multicast and class E.
  if (a === 0 || (a === 192 && b === 0 && (c === 0 || c === 2)) || (a === 198 && (b === 18 || b === 19))) return 'reserved';
  if ((a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113) || a! >= 224) return 'reserved';
  return 'public';
}

function ipv6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone !== -1) text = text.slice(0, zone);
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const v4 = ipv4Bytes(text.slice(lastColon + 1));
  if (v4 !== undefined) {
    tail = [(v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!];
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const read = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const head = read(halves[0]!);
  const rest = halves.length === 2 ? read(halves[1]!) : [];
  const fill = halves.length === 2 ? 8 - head.length - rest.length : 0;
  const groups = [...head, ...new Array<number>(Math.max(fill, 0)).fill(0), ...rest];
  if (groups.length !== 8 || groups.some((g) => !Number.isInteger(g) || g < 0 || g > 0xffff)) return undefined;
  if (tail.length === 2) groups.splice(6, 2, ...tail);
  return groups;
}

function classifyIpv6(groups: number[]): AddressClass {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  const zeroPrefix = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (zeroPrefix && g5 === 0 && g6 === 0 && g7 === 1) return 'loopback'; // ::1
  if (zeroPrefix && g5 === 0 && g6 === 0 && g7 === 0) return 'reserved'; // ::
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::/96) addresses are judged by their IPv4 address.
  if ((zeroPrefix && g5 === 0xffff) || (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)) {
    return classifyIpv4([g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff]);
  }
  if (g0 === 0xfd00 && g1 === 0x0ec2 && g7 === 0x254 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0 && g6 === 0) return 'metadata'; // AWS IPv6
  if ((g0 & 0xfe00) === 0xfc00) return 'private'; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local'; // fe80::/10
  if ((g0 & 0xff00) === 0xff00 || (g0 === 0x2001 && g1 === 0x0db8)) return 'reserved'; // multicast, documentation
  return 'public';
}

/** Classifies an IP address (v4, or v6 with or without brackets); undefined for a string that is not one. */
export function classifyAddress(address: string): AddressClass | undefined {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const version = isIP(bare.includes('%') ? bare.slice(0, bare.indexOf('%')) : bare);
  if (version === 4) return classifyIpv4(ipv4Bytes(bare)!);
  if (version === 6) {
    const groups = ipv6Groups(bare);
    return groups === undefined ? undefined : classifyIpv6(groups);
  }
  return undefined;
}
