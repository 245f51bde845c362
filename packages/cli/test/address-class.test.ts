// Item 5 of the second hostile-input round: IPv6 forms that embed an IPv4 address were classified public, so a check
// of a public target followed redirects to them. Every test here proves a refusal without sending a packet: a
// resolver stub that is never asked, a resolver that refuses anything but loopback, or a network namespace whose
// only interface is loopback.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyAddress, type AddressClass } from '../src/check/address-class';
import { createFetcher, type LookupFunction } from '../src/check/guarded-fetch';
import { codes, guardedCheck } from './support/guarded-check';
import { startShapedServer, type ShapedServer } from './support/mcp-server-shape';

/** The forms of the report, each of which `check` followed from a public target. */
const REPORTED = ['::127.0.0.1', '64:ff9b:1::7f00:1', '2002:7f00:1::', '2002:a9fe:a9fe::', '::ffff:0:7f00:1', '2001:0::'];

// Source of each vector: the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and its updates), the
// RFC that defines the embedding, and the report above. Teredo addresses are built per RFC 4380 §4: server
// 65.54.227.120 (0x4136e378), flags 0x8000, port 0x63bf, client address with every bit inverted.
const VECTORS: Array<[string, AddressClass | undefined, string]> = [
  ['127.0.0.1', 'loopback', 'RFC 1122'],
  ['::1', 'loopback', 'RFC 4291 §2.5.3'],
  ['[::1]', 'loopback', 'bracketed, as in a URL'],
  ['::ffff:127.0.0.1', 'loopback', 'IPv4-mapped, RFC 4291 §2.5.5.2'],
  ['::ffff:8.8.8.8', 'public', 'IPv4-mapped: the socket connects to the IPv4 address'],
  ['::127.0.0.1', 'loopback', 'IPv4-compatible, RFC 4291 §2.5.5.1 (report)'],
  ['::7f00:1', 'loopback', 'the same, as a URL writes it'],
  ['::a9fe:a9fe', 'metadata', 'IPv4-compatible 169.254.169.254'],
  ['::8.8.8.8', 'reserved', 'IPv4-compatible: deprecated, never public'],
  ['::ffff:0:7f00:1', 'loopback', 'SIIT IPv4-translated, RFC 2765 §2.1 (report)'],
  ['::ffff:0:10.0.0.1', 'private', 'SIIT IPv4-translated'],
  ['::ffff:0:808:808', 'reserved', 'SIIT: not globally reachable'],
  ['64:ff9b::7f00:1', 'loopback', 'NAT64 well-known prefix, RFC 6052 §2.1'],
  ['64:ff9b::a9fe:a9fe', 'metadata', 'NAT64 to the metadata service'],
  ['64:ff9b::c0a8:101', 'private', 'NAT64 to 192.168.1.1'],
  ['64:ff9b::808:808', 'public', 'NAT64 to 8.8.8.8, globally reachable'],
  ['64:ff9b:1::7f00:1', 'loopback', 'local-use NAT64, RFC 8215, /96 (report)'],
  ['64:ff9b:1:7f00:0:100::', 'loopback', 'local-use NAT64, /48: 127.0 | u | 0.1'],
  ['64:ff9b:1:7f:0:1::', 'loopback', 'local-use NAT64, /56: 127 | u | 0.0.1'],
  ['64:ff9b:1:0:7f:0:100:0', 'loopback', 'local-use NAT64, /64: u | 127.0.0.1'],
  ['64:ff9b:1::808:808', 'private', 'local-use NAT64 is the operator\'s own network'],
  ['2002:7f00:1::', 'loopback', '6to4, RFC 3056 §2 (report)'],
  ['2002:a9fe:a9fe::', 'metadata', '6to4 (report)'],
  ['2002:a00:1::1', 'private', '6to4 of 10.0.0.1'],
  ['2002:808:808::1', 'public', '6to4 of 8.8.8.8'],
  ['2001::', 'reserved', 'Teredo, RFC 4380: server 0.0.0.0, client 255.255.255.255 (report)'],
  ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'loopback', 'Teredo, client 127.0.0.1'],
  ['2001:0:4136:e378:8000:63bf:5601:5601', 'metadata', 'Teredo, client 169.254.169.254'],
  ['2001:0:7f00:1:8000:63bf:f7f7:f7f7', 'loopback', 'Teredo, server 127.0.0.1'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved', 'Teredo, client 192.0.2.45 (documentation)'],
  ['2001:0:4136:e378:8000:63bf:f7f7:f7f7', 'public', 'Teredo, both public'],
  ['2001:2::1', 'reserved', 'benchmarking, RFC 5180'],
  ['2001:1::1', 'reserved', 'PCP anycast: a nearby server (deliberate deviation)'],
  ['2001:db8::1', 'reserved', 'documentation, RFC 3849'],
  ['3fff::1', 'reserved', 'documentation, RFC 9637'],
  ['5f00::1', 'reserved', 'SRv6 SIDs, RFC 9602'],
  ['100::1', 'reserved', 'discard-only, RFC 6666'],
  ['4000::1', 'reserved', 'outside 2000::/3: not assigned'],
  ['fec0::1', 'private', 'site-local, RFC 3879'],
  ['fd00:ec2::254', 'metadata', 'AWS instance metadata'],
  ['fe80::1%eth0', 'link-local', 'with a zone index'],
  ['ff02::1', 'reserved', 'multicast'],
  ['2606:4700::1111', 'public', 'global unicast'],
  ['192.0.0.9', 'reserved', 'PCP anycast: a nearby server (deliberate deviation)'],
  ['192.0.0.170', 'reserved', 'NAT64 discovery, RFC 8880'],
  ['192.88.99.1', 'reserved', '6to4 relay anycast, RFC 7526'],
  ['255.255.255.255', 'reserved', 'limited broadcast, RFC 919'],
  ['100.100.100.200', 'metadata', 'Alibaba Cloud metadata'],
  ['1.2.3.4', 'public', 'global'],
  ['example.com', undefined, 'a name, not an address'],
  ['1:2:3:4:5:6:7:8:9', undefined, 'nine groups'],
];

describe('address classes: the special-purpose registries and the IPv4 address an IPv6 address embeds', () => {
  it.each(VECTORS)('%s is %s (%s)', (address, cls) => {
    expect(classifyAddress(address)).toBe(cls);
  });

  it('is never public for any of the reported forms', () => {
    expect(REPORTED.map((a) => `${a} ${classifyAddress(a)}`).filter((line) => line.endsWith(' public'))).toEqual([]);
  });
});

describe('a check whose target is public', () => {
  it('refuses each reported form as an address literal before anything is resolved', async () => {
    const asked: string[] = [];
    const lookup: LookupFunction = async (host) => {
      asked.push(host);
      throw new Error('not resolved in this test');
    };
    const policy = { insecureHttp: false, allowPrivate: false, sameOrigin: false, targetOrigin: 'https://mcp.example.com', targetClass: 'public' as const };
    const fetcher = createFetcher({ policy, budgetMs: 5_000, lookup });
    for (const address of REPORTED) {
      const result = await fetcher.fetch('hint', 'GET', `https://[${address}]/mcp`);
      expect(result.refusal?.kind, address).toBe('address');
      expect(result.refusal?.reason, address).toMatch(/address while the target is a public one/);
    }
    expect(asked).toEqual([]);
  });
});

const open: ShapedServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

describe('a check whose target is on loopback', () => {
  it('does not follow a redirect to the metadata service behind NAT64, SIIT, 6to4 or Teredo', async () => {
    for (const address of ['64:ff9b::a9fe:a9fe', '::ffff:0:a9fe:a9fe', '2002:a9fe:a9fe::', '2001:0:4136:e378:8000:63bf:5601:5601']) {
      const server = await startShapedServer({
        route: (req, res) => {
          if (req.url !== '/mcp') return false;
          res.writeHead(307, { location: `https://[${address}]/latest/meta-data/` }).end();
          return true;
        },
      });
      open.push(server);
      const report = await guardedCheck(server.resource); // asserts the resolver was never asked for the address
      expect(codes(report)[0], address).toBe('REDIRECT_REFUSED');
      expect(report.trace.at(-1)?.refused, address).toMatch(/is a metadata address/);
    }
  });
});

// The redirect itself from a public target: only a network namespace can give a server a public address with no
// packet leaving the machine. `unshare -rn` needs unprivileged user namespaces (or root) and `ip`.
const PUBLIC_ADDRESS = '1.2.3.4';
const namespaceReady = spawnSync('unshare', ['-rn', 'sh', '-c', `ip link set lo up && ip addr add ${PUBLIC_ADDRESS}/32 dev lo`]).status === 0;
const script = fileURLToPath(new URL('./support/public-target-in-netns.ts', import.meta.url));

function inNamespace(locations: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const setup = `ip link set lo up && ip addr add ${PUBLIC_ADDRESS}/32 dev lo && exec "$0" --import tsx "$@"`;
    const child = spawn('unshare', ['-rn', 'sh', '-c', setup, process.execPath, script, PUBLIC_ADDRESS, JSON.stringify(locations)]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the reported redirects, from a server on a public address in a network namespace', () => {
  it.skipIf(!namespaceReady)('are refused, each hop after the first, with no connection attempted', async () => {
    const locations = REPORTED.map((a) => `https://[${a}]/mcp`);
    const r = await inNamespace(locations);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const results = JSON.parse(r.stdout) as Array<{ location: string; primary?: string; hops: unknown[] }>;
    expect(results.map((x) => [x.location, x.primary, x.hops.length, x.hops[0]])).toEqual(locations.map((l) => [l, 'REDIRECT_REFUSED', 2, 307]));
    for (const x of results) expect(x.hops[1], x.location).toMatch(/address while the target is a public one/);
  }, 60_000);
});
