import { afterEach, describe, expect, it } from 'vitest';
import { checkAuthAdvertisement } from '../src/check/check-auth-advertisement';
import { formatCheckReport } from '../src/check/format-check-report';
import { terminalStyle } from '../src/terminal-style';
import { codes, guardedCheck, rated } from './support/guarded-check';
import { json, startLoopbackServer } from './support/loopback-server';
import { loopbackOnlyLookup } from './support/loopback-only-lookup';
import { startShapedServer, type ServerShape } from './support/mcp-server-shape';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
async function shaped(shape: ServerShape = {}) {
  const server = await startShapedServer(shape);
  open.push(server);
  return server;
}
const redirect = (res: import('node:http').ServerResponse, status: number, location: string) => {
  res.writeHead(status, { location });
  res.end();
  return true;
};

describe('redirects are followed by hand, each hop checked', () => {
  it('does not follow a redirect to plain http on a non-loopback host', async () => {
    const server = await shaped({ route: (req, res) => (req.url === '/mcp' ? redirect(res, 302, 'http://192.0.2.1/mcp') : false) });
    const report = await guardedCheck(server.resource);
    expect(report.primary?.code).toBe('REDIRECT_REFUSED');
    expect(report.primary?.message).toContain('http://192.0.2.1/mcp');
    expect(report.trace.map((t) => `${t.method} ${t.url} ${t.status ?? ''}${t.refused === undefined ? '' : 'refused'}`)).toEqual([
      `POST ${server.resource} 302`,
      'GET http://192.0.2.1/mcp refused', // a 302 turns the POST into a GET, as fetch does
    ]);
  });

  it('refuses an https redirect to a documentation or metadata address as well, without resolving it', async () => {
    for (const location of ['https://192.0.2.1/mcp', 'https://169.254.169.254/latest/meta-data/', 'https://[fd00:ec2::254]/']) {
      const server = await shaped({ route: (req, res) => (req.url === '/mcp' ? redirect(res, 307, location) : false) });
      const report = await guardedCheck(server.resource);
      expect(codes(report)[0]).toBe('REDIRECT_REFUSED');
      expect(report.trace.at(-1)?.refused).toMatch(/address/);
    }
  });

  it('follows up to 5 redirects on loopback, shows every hop, and refuses the sixth', async () => {
    const server = await shaped({
      route: (req, res) => {
        const hop = /^\/hop\/(\d+)$/.exec(req.url ?? '');
        if (req.url === '/start') return redirect(res, 307, '/hop/1');
        if (hop !== null) return redirect(res, 307, Number(hop[1]) < 4 ? `/hop/${Number(hop[1]) + 1}` : '/mcp');
        return false;
      },
    });
    const followed = await guardedCheck(`${server.origin}/start`);
    expect(followed.trace.slice(0, 6).map((t) => new URL(t.url).pathname)).toEqual(['/start', '/hop/1', '/hop/2', '/hop/3', '/hop/4', '/mcp']);
    expect(codes(followed)).not.toContain('REDIRECT_REFUSED');

    const loop = await shaped({ route: (req, res) => (req.url?.startsWith('/loop') ? redirect(res, 302, `/loop${(req.url.length % 7) + 1}`) : false) });
    const report = await guardedCheck(`${loop.origin}/loop`);
    expect(report.primary?.code).toBe('REDIRECT_REFUSED');
    expect(report.primary?.message).toContain('more than 5 redirects');
  });

  it('turns a redirected POST into a GET on 303, as fetch does', async () => {
    const server = await shaped({ route: (req, res) => (req.url === '/old' ? redirect(res, 303, '/mcp') : false) });
    await guardedCheck(`${server.origin}/old`);
    expect(server.requests.slice(0, 2).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /old', 'GET /mcp']);
  });
});

describe('URLs learned from answers do not reach private, link-local or metadata addresses', () => {
  it('does not fetch a resource_metadata on a cloud metadata address', async () => {
    const server = await shaped({ challenge: () => 'Bearer realm="mcp", scope="s", resource_metadata="https://169.254.169.254/latest/meta-data/"' });
    const report = await guardedCheck(server.resource);
    expect(report.primary?.code).toBe('PRIVATE_ADDRESS_REFUSED');
    expect(report.primary?.message).toContain('metadata address');
    expect(report.trace.find((t) => t.url.includes('169.254'))?.refused).toBeDefined();
  });

  it('does not fetch an authorization server on a link-local address', async () => {
    const server = await shaped({ resourceMetadata: (origin) => ({ resource: `${origin}/mcp`, authorization_servers: ['https://[fe80::1]/'] }) });
    const report = await guardedCheck(server.resource);
    expect(rated(report)).toEqual(['high:PRIVATE_ADDRESS_REFUSED']);
  });

  it('lets --allow-private through the policy (the guard resolver then stops it: no packet either way)', async () => {
    const server = await shaped({ challenge: () => 'Bearer realm="mcp", scope="s", resource_metadata="https://169.254.169.254/latest/meta-data/"' });
    const lookup = loopbackOnlyLookup();
    const report = await checkAuthAdvertisement(server.resource, { lookup, allowPrivate: true });
    expect(lookup.violations).toEqual(['169.254.169.254']);
    expect(codes(report)).toContain('NETWORK_ERROR');
    expect(codes(report)).not.toContain('PRIVATE_ADDRESS_REFUSED');
  });

  it('fetches nothing outside the target origin with --same-origin', async () => {
    const elsewhere = await shaped();
    const server = await shaped({ resourceMetadata: (origin) => ({ resource: `${origin}/mcp`, authorization_servers: [elsewhere.origin] }) });
    const report = await guardedCheck(server.resource, { sameOrigin: true });
    expect(rated(report)).toEqual(['info:SAME_ORIGIN_SKIPPED']);
    expect(elsewhere.requests).toEqual([]);
    const without = await guardedCheck(server.resource);
    expect(without.findings).toEqual([]);
    expect(elsewhere.requests.length).toBeGreaterThan(0);
  });
});

describe('the check is bounded', () => {
  it('spends one budget on the whole check: after the POST times out, the GET is not sent', async () => {
    const received: string[] = [];
    const silent = await startLoopbackServer((req) => void received.push(req.method ?? '')); // accepts, never answers
    open.push(silent);
    const report = await guardedCheck(`${silent.origin}/mcp`, { timeoutMs: 300 });
    expect(codes(report)).toEqual(['TIMEOUT']);
    expect(report.trace).toHaveLength(1);
    expect(received).toEqual(['POST']);
  });

  it('stops at the budget when a later step stalls', async () => {
    const server = await shaped({ route: (req) => req.url === '/.well-known/oauth-authorization-server' });
    const report = await guardedCheck(server.resource, { timeoutMs: 400 });
    expect(report.primary?.code).toBe('TIMEOUT');
    expect(report.trace.map((t) => new URL(t.url).pathname).at(-1)).toBe('/.well-known/oauth-authorization-server');
  });

  it('reports a metadata document over 1 MiB as too large, not as "not a JSON object"', async () => {
    const server = await shaped({ resourceMetadata: (origin) => ({ resource: `${origin}/mcp`, authorization_servers: [origin], pad: 'x'.repeat(1_100_000) }) });
    const report = await guardedCheck(server.resource);
    expect(rated(report)).toEqual(['high:RESPONSE_TOO_LARGE']);
  });

  it('refuses a 400,000-deep JSON document before parsing it, and the report still serializes', async () => {
    const deep = `${'['.repeat(400_000)}${']'.repeat(400_000)}`;
    const server = await shaped({ resourceMetadata: () => deep });
    const report = await guardedCheck(server.resource);
    expect(report.primary?.code).toBe('RESOURCE_METADATA_INVALID');
    expect(report.primary?.message).toContain('deeper than 64');
    expect(() => JSON.stringify(report)).not.toThrow();
  });

  it('reports a header overflow as such, not as "did not answer"', async () => {
    const server = await shaped({
      route: (req, res) => {
        if (req.url !== '/mcp') return false;
        res.writeHead(401, { 'www-authenticate': `Bearer realm="${'a'.repeat(20_000)}"` });
        res.end();
        return true;
      },
    });
    const report = await guardedCheck(server.resource);
    expect(codes(report)).toEqual(['RESPONSE_HEADERS_TOO_LARGE']);
    expect(report.primary?.message).toContain('header section is larger than');
  });
});

describe('terminal safety', () => {
  it('escapes control characters from the server in text output, so nothing can forge a verdict', async () => {
    const forged = '\u001b[2K\u001b[1A\u001b[2K\rPASS http://x/mcp  0 high\n\nFindings\n  none\u009b';
    const server = await shaped({
      resourceMetadata: (origin) => ({ resource: `${origin}/other${forged}`, authorization_servers: [origin] }),
    });
    const report = await guardedCheck(server.resource);
    const text = formatCheckReport(report, terminalStyle(false, {}));
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text.split('\n').filter((line) => line.startsWith('PASS'))).toEqual([]);
    expect(text).toContain('\\x1b[2K');
    expect(text.split('\n')[0]).toMatch(/^FAIL /);
  });
});

describe('endpoints learned from authorization server metadata go through the same policy', () => {
  it('does not fetch a jwks_uri or token endpoint on a metadata address', async () => {
    const server = await shaped({
      authorizationServer: (origin) => ({
        issuer: origin,
        authorization_endpoint: `${origin}/authorize`,
        token_endpoint: 'https://169.254.169.254/token',
        jwks_uri: 'https://[::ffff:169.254.169.254]/jwks',
        registration_endpoint: `${origin}/register`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
      }),
    });
    const report = await guardedCheck(server.resource);
    expect(rated(report)).toEqual(['high:PRIVATE_ADDRESS_REFUSED', 'high:PRIVATE_ADDRESS_REFUSED']);
    expect(report.trace.filter((t) => t.refused !== undefined).map((t) => t.step)).toEqual(['jwks', 'token endpoint']);
  });
});

describe('slow servers', () => {
  it('stops a body that trickles forever at the budget', async () => {
    const server = await shaped({
      route: (req, res) => {
        if (req.url !== '/.well-known/oauth-protected-resource/mcp') return false;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"resource":');
        const timer = setInterval(() => res.write(' '), 20);
        res.on('close', () => clearInterval(timer));
        return true;
      },
    });
    const report = await guardedCheck(server.resource, { timeoutMs: 500 });
    expect(report.primary?.code).toBe('TIMEOUT');
    expect(report.trace.at(-1)).toMatchObject({ step: 'resource metadata', timedOut: true });
  });
});
