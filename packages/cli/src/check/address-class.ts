import { isIP } from 'node:net';

/**
 * What kind of address a connection would go to. Everything but `public` is refused for URLs learned from a
 * server's answers unless the target itself is of that kind or the user passed `--allow-private`: a hostile server
 * must not steer the check to the user's own network or to a cloud metadata service (SSRF).
 */
export type AddressClass = 'loopback' | 'private' | 'link-local' | 'metadata' | 'reserved' | 'public';

/**
 * Which class an address gets when it is two things at once, an IPv6 prefix and the IPv4 address embedded in it:
 * the first of the two in this list. So an embedded address that is not public decides (`64:ff9b::7f00:1` is
 * loopback), and a prefix that is not globally reachable keeps a public embedded address from being public
 * (`::8.8.8.8` is reserved).
 */
const PRECEDENCE: readonly AddressClass[] = ['metadata', 'link-local', 'loopback', 'private', 'reserved', 'public'];

/** Where an IPv6 address carries IPv4 addresses: a function from the address to them (as 32-bit numbers). */
type Embedded = (address: bigint) => number[];

/** The IPv4 address in bits `bit` to `bit + 31` of an IPv6 address. */
const ipv4At = (bit: number): Embedded => (address) => [Number((address >> BigInt(96 - bit)) & 0xffffffffn)];

/**
 * The IPv4 address of an RFC 6052 §2.2 address with a prefix of `length` bits (32 to 64): it follows the prefix,
 * skipping bits 64 to 71 (the `u` octet, always zero).
 */
const rfc6052 =
  (length: number): Embedded =>
  (address) =>
    ipv4At(length + 8)(((address >> 64n) << 56n) | (address & 0xffffffffffffffn));

/**
 * The IANA IPv4 Special-Purpose Address Registry (RFC 6890 and the RFCs that updated it), multicast, and the cloud
 * metadata services, as `prefix/length` and class; the first block that holds an address decides. Any other address
 * is public.
 *
 * Deliberate deviation: the registry marks the PCP and TURN anycast addresses (192.0.0.9, RFC 7723; 192.0.0.10,
 * RFC 8155) globally reachable, but the nearest server answers them, often the user's own gateway: they stay
 * reserved with the rest of 192.0.0.0/24.
 */
const IPV4_BLOCKS: ReadonlyArray<readonly [string, AddressClass]> = [
  // Cloud metadata: AWS, GCP, Azure, OpenStack at 169.254.169.254; Alibaba 100.100.100.200; Oracle 192.0.0.192.
  ['169.254.169.254/32', 'metadata'],
  ['100.100.100.200/32', 'metadata'],
  ['192.0.0.192/32', 'metadata'],
  ['0.0.0.0/8', 'reserved'], // "this network", RFC 791
  ['10.0.0.0/8', 'private'], // RFC 1918
  ['100.64.0.0/10', 'private'], // shared address space (carrier-grade NAT), RFC 6598
  ['127.0.0.0/8', 'loopback'], // RFC 1122
  ['169.254.0.0/16', 'link-local'], // RFC 3927
  ['172.16.0.0/12', 'private'], // RFC 1918
  ['192.0.0.0/24', 'reserved'], // IETF protocol assignments, RFC 6890: DS-Lite (RFC 7335), NAT64 discovery (RFC 8880)
  ['192.0.2.0/24', 'reserved'], // documentation, RFC 5737
  ['192.88.99.0/24', 'reserved'], // 6to4 relay anycast, deprecated by RFC 7526
  ['192.168.0.0/16', 'private'], // RFC 1918
  ['198.18.0.0/15', 'reserved'], // benchmarking, RFC 2544
  ['198.51.100.0/24', 'reserved'], // documentation, RFC 5737
  ['203.0.113.0/24', 'reserved'], // documentation, RFC 5737
  ['224.0.0.0/4', 'reserved'], // multicast, RFC 5771: never an HTTP server
  ['240.0.0.0/4', 'reserved'], // reserved (RFC 1112) and the limited broadcast address (RFC 919)
];

/**
 * The IANA IPv6 Special-Purpose Address Registry (RFC 6890 and the RFCs that updated it), the IPv6 address
 * architecture (RFC 4291) and the AWS metadata service, in the same form; the first block that holds an address
 * decides. A block with an {@link Embedded} function also judges the IPv4 addresses embedded in it (see
 * {@link PRECEDENCE}): there its class is the class of the prefix itself.
 *
 * Deliberate deviation: inside 2001::/23 the registry marks a few blocks globally reachable (PCP, TURN and DNS-SD
 * anycast, AMT, AS112, ORCHIDv2, drone remote ID); none is a web server a check should be steered to, and the anycast
 * ones are answered by a nearby server, so all of 2001::/23 but Teredo is reserved.
 */
const IPV6_BLOCKS: ReadonlyArray<readonly [string, AddressClass, Embedded?]> = [
  ['fd00:ec2::254/128', 'metadata'], // AWS instance metadata over IPv6
  ['::1/128', 'loopback'], // RFC 4291 §2.5.3
  ['::/128', 'reserved'], // unspecified, RFC 4291 §2.5.2
  // IPv4-mapped, RFC 4291 §2.5.5.2: a dual-stack socket connects to the IPv4 address itself, which alone decides.
  ['::ffff:0:0/96', 'public', ipv4At(96)],
  ['::ffff:0:0:0/96', 'reserved', ipv4At(96)], // IPv4-translated (SIIT), RFC 2765 §2.1
  ['::/96', 'reserved', ipv4At(96)], // IPv4-compatible, deprecated by RFC 4291 §2.5.5.1
  ['64:ff9b::/96', 'public', ipv4At(96)], // NAT64 well-known prefix, RFC 6052 §2.1
  // Local-use NAT64, RFC 8215: the operator picks a /48 to /96 prefix inside it, so every RFC 6052 position counts.
  ['64:ff9b:1::/48', 'private', (a) => [...rfc6052(48)(a), ...rfc6052(56)(a), ...rfc6052(64)(a), ...ipv4At(96)(a)]],
  ['100::/64', 'reserved'], // discard-only, RFC 6666
  // Teredo, RFC 4380 §4: the server's IPv4 address, then the client's, obfuscated (every bit inverted).
  ['2001::/32', 'public', (a) => [...ipv4At(32)(a), ~Number(a & 0xffffffffn) >>> 0]],
  ['2001::/23', 'reserved'], // IETF protocol assignments, RFC 2928
  ['2001:db8::/32', 'reserved'], // documentation, RFC 3849
  ['2002::/16', 'public', ipv4At(16)], // 6to4, RFC 3056 §2
  ['3fff::/20', 'reserved'], // documentation, RFC 9637
  ['5f00::/16', 'reserved'], // SRv6 SIDs, RFC 9602
  ['fc00::/7', 'private'], // unique local, RFC 4193
  ['fe80::/10', 'link-local'], // RFC 4291 §2.5.6
  ['fec0::/10', 'private'], // site-local, deprecated by RFC 3879
  ['ff00::/8', 'reserved'], // multicast, RFC 4291 §2.7
  ['2000::/3', 'public'], // global unicast, RFC 4291 §2.4
  ['::/0', 'reserved'], // the rest is not assigned
];

function ipv4Value(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = parts.map(Number);
  if (!bytes.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) return undefined;
  return bytes.reduce((value, b) => value * 256 + b, 0);
}

/** The 128-bit value of an IPv6 address (without brackets; a zone index is ignored), or undefined. */
function ipv6Value(address: string): bigint | undefined {
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone !== -1) text = text.slice(0, zone);
  // A trailing dotted IPv4 address stands for the last two groups (RFC 4291 §2.2).
  const lastColon = text.lastIndexOf(':');
  const v4 = ipv4Value(text.slice(lastColon + 1));
  if (v4 !== undefined) text = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const read = (part: string) => (part === '' ? [] : part.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const head = read(halves[0]!);
  const tail = halves.length === 2 ? read(halves[1]!) : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...new Array<number>(Math.max(fill, 0)).fill(0), ...tail];
  if (groups.length !== 8 || groups.some((g) => Number.isNaN(g))) return undefined;
  return groups.reduce((value, g) => (value << 16n) | BigInt(g), 0n);
}

function parseBlock<T>(block: string, value: (text: string) => T | undefined): { network: T; length: number } {
  const [text, length] = block.split('/');
  return { network: value(text!)!, length: Number(length) };
}

const IPV4 = IPV4_BLOCKS.map(([block, cls]) => ({ ...parseBlock(block, ipv4Value), cls }));
const IPV6 = IPV6_BLOCKS.map(([block, cls, embedded]) => ({ ...parseBlock(block, ipv6Value), cls, embedded }));

function classifyIpv4(address: number): AddressClass {
  const block = IPV4.find(({ network, length }) => Math.floor(address / 2 ** (32 - length)) === Math.floor(network / 2 ** (32 - length)));
  return block?.cls ?? 'public';
}

function classifyIpv6(address: bigint): AddressClass {
  const block = IPV6.find(({ network, length }) => address >> BigInt(128 - length) === network >> BigInt(128 - length))!;
  const classes = [block.cls, ...(block.embedded?.(address).map(classifyIpv4) ?? [])];
  return PRECEDENCE.find((cls) => classes.includes(cls))!;
}

/**
 * Classifies an IP address (v4, or v6 with or without brackets); undefined for a string that is not one. An IPv6
 * address that embeds IPv4 addresses (IPv4-mapped, IPv4-compatible, SIIT, NAT64, 6to4, Teredo) is judged by them
 * too: `::ffff:127.0.0.1`, `::127.0.0.1`, `64:ff9b::7f00:1`, `2002:7f00:1::` are all loopback.
 */
export function classifyAddress(address: string): AddressClass | undefined {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const version = isIP(bare.includes('%') ? bare.slice(0, bare.indexOf('%')) : bare);
  if (version === 4) return classifyIpv4(ipv4Value(bare)!);
  if (version === 6) {
    const value = ipv6Value(bare);
    return value === undefined ? undefined : classifyIpv6(value);
  }
  return undefined;
}
