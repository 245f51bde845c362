// createAuthRelay between a real client (fetch) and real upstream servers (node:http), every one on 127.0.0.1 and
// an ephemeral port: what goes up (credentials), what comes down (challenges, metadata, CORS, streams), and what a
// hostile upstream gets (a clear 502/504, bounded time and memory, no credential sent anywhere else).
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseChallenges } from '@authheaders/www-authenticate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MetadataCache } from '@authheaders/bearer';
import { createAuthRelay, memoryMetadataCache, toNodeListener, type AuthRelayOptions, type RelayDiagnostic } from '../src/proxy/index';

type Route = (req: IncomingMessage, res: ServerResponse) => void;

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
const close = (server: Server) => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));

/** A made-up token, random each run. */
const TOKEN = `tok-${crypto.randomUUID()}`;
let upstream: { server: Server; origin: string };
let elsewhere: { server: Server; origin: string };
const routes = new Map<string, Route>();
const seen: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
const elsewhereSeen: string[] = [];
let metadataFetches = 0;

const upstreamDocument = () => ({
  resource: `${upstream.origin}/mcp`,
  authorization_servers: ['https://auth.example.com'],
  scopes_supported: ['mcp:read'],
  x_vendor: { nested: [1, 2] },
});

beforeAll(async () => {
  upstream = await listen((req, res) => {
    const path = req.url ?? '/';
    seen.push({ path, headers: req.headers });
    const route = routes.get(path.split('?')[0]!);
    if (route) return route(req, res);
    res.writeHead(404).end();
  });
  elsewhere = await listen((req, res) => {
    elsewhereSeen.push(req.url ?? '/');
    res.end('elsewhere');
  });
});
afterAll(async () => {
  await close(upstream.server);
  await close(elsewhere.server);
});
beforeEach(() => {
  routes.clear();
  seen.length = 0;
  elsewhereSeen.length = 0;
  metadataFetches = 0;
  routes.set('/.well-known/oauth-protected-resource/mcp', (_req, res) => {
    metadataFetches++;
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=60' }).end(JSON.stringify(upstreamDocument()));
  });
});

/** A relay served by node:http through toNodeListener, on its own port; its public URL is that port's /mcp. */
async function startRelay(options: Partial<AuthRelayOptions> = {}) {
  let publicUrl = '';
  const proxy = await listen((req, res) => listener(req, res));
  publicUrl = `${proxy.origin}/mcp`;
  const listener = toNodeListener(createAuthRelay({ upstream: `${upstream.origin}/mcp`, publicUrl, ...options }));
  return { origin: proxy.origin, publicUrl, close: () => close(proxy.server) };
}

describe('challenges through the relay', () => {
  it('a 401 comes down with every parameter, resource_metadata pointing at the proxy, and WWW-Authenticate exposed', async () => {
    routes.set('/mcp', (_req, res) =>
      res
        .writeHead(401, {
          'www-authenticate': `Bearer realm="mcp", scope="mcp:read", error="invalid_token", error_description="The token \\"x\\" expired", resource_metadata="${upstream.origin}/.well-known/oauth-protected-resource/mcp", x_ext=1, Basic realm="legacy"`,
          'access-control-expose-headers': 'Mcp-Session-Id',
          'content-type': 'application/json',
        })
        .end('{"error":"invalid_token"}'),
    );
    const diagnostics: RelayDiagnostic[] = [];
    const relay = await startRelay({ onDiagnostic: (d) => diagnostics.push(d) });
    try {
      const response = await fetch(relay.publicUrl, { method: 'POST', body: '{}' });
      expect(response.status).toBe(401);
      expect(response.headers.get('access-control-expose-headers')).toBe('Mcp-Session-Id, WWW-Authenticate');
      const [bearer, basic] = parseChallenges(response.headers.get('www-authenticate'));
      expect({ ...bearer!.params }).toEqual({
        realm: 'mcp',
        scope: 'mcp:read',
        error: 'invalid_token',
        error_description: 'The token "x" expired',
        resource_metadata: `${relay.origin}/.well-known/oauth-protected-resource/mcp`,
        x_ext: '1',
      });
      expect(basic).toMatchObject({ scheme: 'Basic', params: { realm: 'legacy' } });
      expect(await response.text()).toBe('{"error":"invalid_token"}');
      expect(diagnostics).toEqual([]);
    } finally {
      await relay.close();
    }
  });

  it("resourceMetadata: 'keep' and 'drop'", async () => {
    routes.set('/mcp', (_req, res) => res.writeHead(401, { 'www-authenticate': 'Bearer resource_metadata="https://internal.example/x", realm="r"' }).end());
    for (const [policy, expected] of [['keep', 'https://internal.example/x'], ['drop', undefined]] as const) {
      const relay = await startRelay({ resourceMetadata: policy });
      try {
        const [bearer] = parseChallenges((await fetch(relay.publicUrl)).headers.get('www-authenticate'));
        expect(bearer!.params.resource_metadata).toBe(expected);
        expect(bearer!.params.realm).toBe('r');
      } finally {
        await relay.close();
      }
    }
  });

  it('a 401 whose challenge cannot be relayed becomes a 502 that says so; the upstream body does not come down', async () => {
    // fetch's Headers never hold CR, LF, NUL or a character above U+00FF (relayChallenges refuses those, see its
    // test): here the field is longer than the relay's bound.
    routes.set('/mcp', (_req, res) => res.writeHead(401, { 'www-authenticate': `Bearer realm="${'r'.repeat(40)}"` }).end('secret'));
    const diagnostics: RelayDiagnostic[] = [];
    const relay = await startRelay({ maxChallengeLength: 32, onDiagnostic: (d) => diagnostics.push(d) });
    try {
      const response = await fetch(relay.publicUrl);
      expect(response.status).toBe(502);
      expect(response.headers.get('www-authenticate')).toBeNull();
      expect(await response.json()).toMatchObject({ error: 'unrelayable_challenge' });
      expect(diagnostics.map((d) => d.code)).toEqual(['too-long']);
    } finally {
      await relay.close();
    }
  });
});

describe('credentials on the way up', () => {
  it('Authorization goes up; Cookie, Proxy-Authorization and credential headers do not, unless configured', async () => {
    routes.set('/mcp', (_req, res) => res.end('ok'));
    const headers = {
      authorization: `Bearer ${TOKEN}`,
      cookie: 'session=abc',
      'proxy-authorization': 'Basic cHJveHk6cHc=',
      'x-api-key': TOKEN,
      'x-adcp-auth': TOKEN,
      'x-custom-secret': 'nope',
      'mcp-protocol-version': '2025-11-25',
    };
    const relay = await startRelay({ stripHeaders: ['X-Custom-Secret'] });
    const aliased = await startRelay({ legacyHeaderAliases: ['x-adcp-auth'], forwardCookies: true });
    try {
      await fetch(relay.publicUrl, { headers });
      await fetch(aliased.publicUrl, { headers });
      const [plain, withAlias] = seen.map((s) => s.headers);
      expect(plain).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'mcp-protocol-version': '2025-11-25' });
      for (const name of ['cookie', 'proxy-authorization', 'x-api-key', 'x-adcp-auth', 'x-custom-secret']) expect(plain![name]).toBeUndefined();
      expect(withAlias).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'x-adcp-auth': TOKEN, cookie: 'session=abc' });
      expect(withAlias!['x-api-key']).toBeUndefined();
    } finally {
      await relay.close();
      await aliased.close();
    }
  });

  it('a redirect to another origin is a 502; nothing, credential or not, reaches that origin', async () => {
    routes.set('/mcp', (_req, res) => res.writeHead(307, { location: `${elsewhere.origin}/steal` }).end());
    const relay = await startRelay();
    try {
      const response = await fetch(relay.publicUrl, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: '{}' });
      expect(response.status).toBe(502);
      const body = await response.text();
      expect(JSON.parse(body)).toMatchObject({ error: 'cross_origin_redirect' });
      expect(body).not.toContain(elsewhere.origin);
      expect(elsewhereSeen).toEqual([]);
    } finally {
      await relay.close();
    }
  });

  it('a redirect within the upstream comes down pointing at the proxy, not followed', async () => {
    routes.set('/mcp', (_req, res) => res.writeHead(302, { location: '/mcp/next?x=1' }).end());
    const relay = await startRelay();
    try {
      const response = await fetch(relay.publicUrl, { redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(`${relay.origin}/mcp/next?x=1`);
      expect(seen.map((s) => s.path)).toEqual(['/mcp']);
    } finally {
      await relay.close();
    }
  });

  it('paths outside the public path are 404 without a request upstream', async () => {
    const relay = await startRelay();
    try {
      for (const path of ['/other', '/mcpx', '/.well-known/oauth-protected-resource']) expect((await fetch(`${relay.origin}${path}`)).status).toBe(404);
      expect(seen).toEqual([]);
    } finally {
      await relay.close();
    }
  });
});

describe('protected resource metadata', () => {
  it('is relayed with resource rewritten and every other member kept, at the path-inserted URL and, if asked, the root', async () => {
    routes.set('/.well-known/oauth-protected-resource/mcp', (_req, res) => {
      metadataFetches++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(`{"resource":"${upstream.origin}/mcp","__proto__":{"polluted":true},"authorization_servers":["https://auth.example.com"],"x_unknown":[{"a":null}]}`);
    });
    const relay = await startRelay({ serveRootMetadata: true });
    try {
      const response = await fetch(`${relay.origin}/.well-known/oauth-protected-resource/mcp`);
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      const text = await response.text();
      expect(JSON.parse(text)).toEqual(JSON.parse(`{"resource":"${relay.publicUrl}","__proto__":{"polluted":true},"authorization_servers":["https://auth.example.com"],"x_unknown":[{"a":null}]}`));
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const root = await (await fetch(`${relay.origin}/.well-known/oauth-protected-resource`)).json();
      expect(root.resource).toBe(relay.publicUrl);
      expect(metadataFetches).toBe(1); // no Cache-Control: the default lifetime
    } finally {
      await relay.close();
    }
  });

  it('concurrent misses share one upstream fetch; a hit fetches nothing', async () => {
    const relay = await startRelay();
    try {
      const url = `${relay.origin}/.well-known/oauth-protected-resource/mcp`;
      const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(url).then((r) => r.status)));
      expect(answers).toEqual(Array(20).fill(200));
      await fetch(url);
      expect(metadataFetches).toBe(1);
    } finally {
      await relay.close();
    }
  });

  it('Cache-Control no-store is not cached; a cache that throws, holds garbage or never answers is a miss, never an error', async () => {
    routes.set('/.well-known/oauth-protected-resource/mcp', (_req, res) => {
      metadataFetches++;
      res.writeHead(200, { 'cache-control': 'no-store' }).end(JSON.stringify(upstreamDocument()));
    });
    const sets: number[] = [];
    const throwing: MetadataCache = {
      get: () => {
        throw new Error('cache down');
      },
      set: async (_k, _v, ttl) => {
        sets.push(ttl);
        throw new Error('cache down');
      },
    };
    const garbage: MetadataCache = { get: async () => '{"resource":"https://evil.example/mcp"}', set: () => {} };
    const hanging: MetadataCache = { get: () => new Promise(() => {}), set: () => new Promise(() => {}) };
    for (const metadataCache of [throwing, garbage, hanging]) {
      const relay = await startRelay({ metadataCache, timeoutMs: 300 });
      try {
        const url = `${relay.origin}/.well-known/oauth-protected-resource/mcp`;
        expect((await (await fetch(url)).json()).resource).toBe(relay.publicUrl);
        expect((await fetch(url)).status).toBe(200);
      } finally {
        await relay.close();
      }
    }
    expect(metadataFetches).toBe(6);
    expect(sets).toEqual([]); // no-store: never written
  });

  it('a failing upstream is asked once per backoff, not once per request', async () => {
    routes.set('/.well-known/oauth-protected-resource/mcp', (_req, res) => {
      metadataFetches++;
      res.writeHead(500).end();
    });
    const relay = await startRelay();
    try {
      const url = `${relay.origin}/.well-known/oauth-protected-resource/mcp`;
      const statuses = [];
      for (let i = 0; i < 10; i++) statuses.push((await fetch(url)).status);
      expect(statuses).toEqual(Array(10).fill(502));
      expect(metadataFetches).toBe(1);
    } finally {
      await relay.close();
    }
  });

  it.each([
    ['50 MiB', (res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const more = () => {
        while (sent < 50 && res.write(chunk)) sent++;
        if (sent < 50) res.once('drain', () => (sent++, more()));
        else res.end('{}');
      };
      more();
    }],
    ['nested 10,000 deep', (res: ServerResponse) => res.end(`{"resource":"x","a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`)],
    ['another resource', (res: ServerResponse) => res.end('{"resource":"https://other.example/mcp"}')],
    ['not JSON', (res: ServerResponse) => res.end('<html>')],
    ['a redirect elsewhere', (res: ServerResponse) => res.writeHead(302, { location: `${elsewhere.origin}/doc` }).end()],
  ])('an upstream document %s is a 502, never relayed', async (_name, answer) => {
    routes.set('/.well-known/oauth-protected-resource/mcp', (_req, res) => answer(res));
    const relay = await startRelay();
    try {
      const response = await fetch(`${relay.origin}/.well-known/oauth-protected-resource/mcp`);
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ error: 'metadata_unavailable' });
      expect(elsewhereSeen).toEqual([]);
    } finally {
      await relay.close();
    }
  });
});

describe('a hostile upstream', () => {
  it('one that never answers: 504 after timeoutMs, for requests and for metadata', async () => {
    routes.set('/mcp', () => {});
    routes.set('/.well-known/oauth-protected-resource/mcp', () => {});
    const relay = await startRelay({ timeoutMs: 200 });
    try {
      expect((await fetch(relay.publicUrl)).status).toBe(504);
      expect((await fetch(`${relay.origin}/.well-known/oauth-protected-resource/mcp`)).status).toBe(504);
    } finally {
      await relay.close();
    }
  });

  it.each([
    ['a 1 MiB header', `Bearer realm="${'a'.repeat(1024 * 1024)}"`],
    ['10,000 challenges', Array.from({ length: 10_000 }, (_, i) => `Bearer realm="r${i}"`).join(', ')],
  ])('%s: a 502, no challenge relayed', async (_name, field) => {
    routes.set('/mcp', (req, res) => {
      res.detachSocket(req.socket);
      req.socket.end(`HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: ${field}\r\nContent-Length: 0\r\n\r\n`);
    });
    const relay = await startRelay();
    try {
      const response = await fetch(relay.publicUrl, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(502);
      expect(response.headers.get('www-authenticate')).toBeNull();
      expect(await response.text()).not.toContain(TOKEN);
    } finally {
      await relay.close();
    }
  });
});

describe('streams, CORS and the public origin', () => {
  it('Server-Sent Events come down unbuffered: the first event arrives before the upstream writes the second', async () => {
    let release!: () => void;
    const secondMayGo = new Promise<void>((resolve) => (release = resolve));
    routes.set('/mcp', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: one\n\n');
      void secondMayGo.then(() => res.end('data: two\n\n'));
    });
    const relay = await startRelay();
    try {
      const response = await fetch(relay.publicUrl, { method: 'POST', body: '{}' });
      expect(response.headers.get('content-type')).toBe('text/event-stream');
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      expect((await reader.read()).value).toBe('data: one\n\n');
      release();
      let rest = '';
      for (let r = await reader.read(); !r.done; r = await reader.read()) rest += r.value;
      expect(rest).toBe('data: two\n\n');
    } finally {
      await relay.close();
    }
  });

  it('a preflight the upstream allowed also allows Authorization and the configured aliases', async () => {
    routes.set('/mcp', (_req, res) =>
      res.writeHead(204, { 'access-control-allow-origin': 'https://app.example', 'access-control-allow-headers': 'Content-Type, Mcp-Session-Id' }).end(),
    );
    const relay = await startRelay({ legacyHeaderAliases: ['x-api-key'] });
    try {
      const response = await fetch(relay.publicUrl, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' } });
      expect(response.headers.get('access-control-allow-headers')).toBe('Content-Type, Mcp-Session-Id, Authorization, x-api-key');
    } finally {
      await relay.close();
    }
  });

  it('X-Forwarded-* and Forwarded name the public origin only when the peer is trusted, and only when valid', async () => {
    routes.set('/mcp', (_req, res) => res.writeHead(401, { 'www-authenticate': 'Bearer resource_metadata="http://internal/x"' }).end());
    const hint = async (relayUrl: string, headers: Record<string, string>) =>
      parseChallenges((await fetch(relayUrl, { headers })).headers.get('www-authenticate'))[0]!.params.resource_metadata;
    const untrusting = await startRelay();
    const trusting = await startRelay({ trustedProxies: ['127.0.0.1'] });
    try {
      const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'mcp.example.com' };
      expect(await hint(untrusting.publicUrl, forwarded)).toBe(`${untrusting.origin}/.well-known/oauth-protected-resource/mcp`);
      expect(await hint(trusting.publicUrl, forwarded)).toBe('https://mcp.example.com/.well-known/oauth-protected-resource/mcp');
      expect(await hint(trusting.publicUrl, { forwarded: 'for=1.2.3.4;proto=http;host=evil.example, for=5.6.7.8;proto=https;host="mcp.example.com:8443"' })).toBe(
        'https://mcp.example.com:8443/.well-known/oauth-protected-resource/mcp',
      );
      for (const bad of [
        { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'a.example, b.example' },
        { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'user@evil.example' },
        { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example:99999' },
        { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example/path' },
        { 'x-forwarded-proto': 'javascript', 'x-forwarded-host': 'evil.example' },
        { 'x-forwarded-proto': 'http', 'x-forwarded-host': 'evil.example' },
      ]) {
        expect(await hint(trusting.publicUrl, bad)).toBe(`${trusting.origin}/.well-known/oauth-protected-resource/mcp`);
      }
    } finally {
      await untrusting.close();
      await trusting.close();
    }
  });
});

describe('options are checked when the relay is built', () => {
  const base = { upstream: 'http://127.0.0.1:1/mcp', publicUrl: 'https://mcp.example.com/mcp' };
  it.each([
    ['upstream', { upstream: 'ftp://secret-host/x' }],
    ['upstream', { upstream: 'http://user:secret-pw@host/x' }],
    ['publicUrl', { publicUrl: 'http://secret-host.example/mcp' }],
    ['publicUrl', { publicUrl: 42 }],
    ['upstreamMetadataUrl', { upstreamMetadataUrl: 'https://secret-host.example/doc' }],
    ['resourceMetadata', { resourceMetadata: 'secret-value' }],
    ['legacyHeaderAliases', { legacyHeaderAliases: ['bad name secret'] }],
    ['trustedProxies', { trustedProxies: 'secret-host' }],
    ['timeoutMs', { timeoutMs: -1 }],
    ['metadataCache', { metadataCache: { get: 'secret-value' } }],
    ['forwardCookies', { forwardCookies: 'secret-value' }],
  ])('%s', (option, bad) => {
    expect(() => createAuthRelay({ ...base, ...bad } as AuthRelayOptions)).toThrow(new RegExp(`^${option} must`));
    expect(() => createAuthRelay({ ...base, ...bad } as AuthRelayOptions)).not.toThrow(/secret/);
  });

  it('memoryMetadataCache is bounded in entries and time', () => {
    let now = 0;
    const cache = memoryMetadataCache({ maxEntries: 2, maxTtlMs: 1000, now: () => now });
    cache.set('a', 'A', 10_000);
    cache.set('b', 'B', 500);
    expect(cache.get('a')).toBe('A'); // a is now the most recently used
    cache.set('c', 'C', 500);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['A', undefined, 'C']);
    now = 1000;
    expect([cache.get('a'), cache.get('c')]).toEqual([undefined, undefined]); // maxTtlMs caps the 10 s asked for
    expect(() => memoryMetadataCache({ maxEntries: 0 })).toThrow(/^maxEntries must/);
  });
});
