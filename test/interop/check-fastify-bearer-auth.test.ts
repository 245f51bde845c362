// Interop: `authheaders check` against @fastify/bearer-auth 10 registered for the whole app, the setup issue 19 found
// with the metadata route behind the auth hook. Real fastify and @fastify/bearer-auth from the registry; the answers
// quoted below are what they sent here.
import { randomBytes } from 'node:crypto';
import bearerAuth from '@fastify/bearer-auth';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { checkAuthAdvertisement } from '@authheaders/cli';
import { loopbackOnlyLookup } from '../../packages/cli/test/support/loopback-only-lookup';

const key = randomBytes(24).toString('base64url');
let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The app: bearer auth on every route, or (`metadataFirst`) the metadata route registered outside its scope. */
async function start(metadataFirst: boolean): Promise<string> {
  app = Fastify();
  let origin = '';
  const metadata = async () => ({ resource: `${origin}/mcp`, authorization_servers: [origin] });
  if (metadataFirst) app.get('/.well-known/oauth-protected-resource/mcp', metadata);
  await app.register(async (scope) => {
    await scope.register(bearerAuth, { keys: new Set([key]) });
    scope.all('/mcp', async () => ({ jsonrpc: '2.0', id: 1, result: {} }));
    if (!metadataFirst) scope.get('/.well-known/oauth-protected-resource/mcp', metadata);
  });
  origin = await app.listen({ port: 0, host: '127.0.0.1' });
  return `${origin}/mcp`;
}

async function check(resource: string) {
  const lookup = loopbackOnlyLookup();
  const report = await checkAuthAdvertisement(resource, { lookup, timeoutMs: 10_000 });
  expect(lookup.violations).toEqual([]);
  return report;
}

describe('authheaders check against @fastify/bearer-auth', () => {
  it('names the metadata route behind the auth hook as the cause (RESOURCE_METADATA_BEHIND_AUTH)', async () => {
    const resource = await start(false);
    const well = new URL('/.well-known/oauth-protected-resource/mcp', resource);
    const raw = await fetch(well);
    // As received: 401, content-type: application/json; charset=utf-8, no WWW-Authenticate, and
    // {"error":"missing authorization header"}; the root well-known URL, a route nobody registered, answers 404.
    expect(raw.status).toBe(401);
    expect(raw.headers.get('www-authenticate')).toBeNull();
    expect(await raw.json()).toEqual({ error: 'missing authorization header' });
    const report = await check(resource);
    expect(report.primary?.code).toBe('RESOURCE_METADATA_BEHIND_AUTH');
    expect(report.primary?.evidence).toBe(`GET ${well.href} → 401; GET ${new URL('/.well-known/oauth-protected-resource', resource).href} → 404`);
    // The missing challenge is reported too, after the cause: without one a client falls back to the well-known URL.
    expect(report.findings.map((f) => f.code)).toContain('AUTH_REQUIRED_BUT_NOT_ADVERTISED');
    expect(report.findings.map((f) => f.code)).not.toContain('RESOURCE_METADATA_MISSING');
  });

  it('no longer reports it once the route is registered outside the hook', async () => {
    const report = await check(await start(true));
    expect(report.findings.map((f) => f.code)).not.toContain('RESOURCE_METADATA_BEHIND_AUTH');
    expect(report.resourceMetadataUrl).toMatch(/\/\.well-known\/oauth-protected-resource\/mcp$/);
  });
});
