// Run inside a network namespace of its own (`unshare -rn`), where the only interface is loopback and it also holds
// a public address (see address-class.test.ts): a server on that address redirects `/r/<i>` to the i-th location
// given, and a check of each redirect is printed as JSON. Nothing can leave the namespace.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkAuthAdvertisement } from '../../src/check/check-auth-advertisement';

const [address, locationsJson] = process.argv.slice(2) as [string, string];
const locations = JSON.parse(locationsJson) as string[];
const server = createServer((req, res) => {
  res.writeHead(307, { location: locations[Number(req.url?.split('/')[2])] ?? '/' }).end();
});
await new Promise<void>((resolve) => server.listen(0, address, resolve));
const { port } = server.address() as AddressInfo;
const results = [];
for (const [i, location] of locations.entries()) {
  const report = await checkAuthAdvertisement(`http://${address}:${port}/r/${i}`, { insecureHttp: true, timeoutMs: 10_000 });
  results.push({ location, primary: report.primary?.code, hops: report.trace.map((t) => t.refused ?? t.error ?? t.status) });
}
server.close();
process.stdout.write(JSON.stringify(results));
