// What we would publish, installed the way users install it: each package packed to a tarball and installed into a
// fresh project outside the workspace (no workspace links), then imported with ESM and CJS and type-checked.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisSkipReason, startRedisServer } from '../../packages/bearer/test/support/redis-server';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGES = [
  { name: '@authheaders/www-authenticate', dir: 'packages/www-authenticate', extra: [] as string[] },
  { name: '@authheaders/bearer', dir: 'packages/bearer', extra: [] },
  { name: '@authheaders/codemod-legacy-header-aliases', dir: 'codemods/legacy-header-aliases', extra: ['bin/', 'codemod.yaml', 'workflow.yaml', 'workflow-hono.yaml'] },
  { name: '@authheaders/cli', dir: 'packages/cli', extra: ['bin/'] },
];

/** The jose the workspace pins, so the consumer installs it from the store. */
const JOSE_VERSION = (JSON.parse(readFileSync(join(root, 'packages/bearer/package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.jose!;

let work: string;
let consumer: string;
const tarballs = new Map<string, string>();
const run = (command: string, args: string[], cwd: string, env: Record<string, string> = {}) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });

beforeAll(() => {
  if (PACKAGES.some((p) => !existsSync(join(root, p.dir, 'dist')))) run('pnpm', ['-s', 'build'], root);
  work = mkdtempSync(join(tmpdir(), 'authheaders-packed-'));
  for (const p of PACKAGES) {
    run('pnpm', ['pack', '--pack-destination', work], join(root, p.dir));
  }
  for (const file of readdirSync(work)) {
    const p = PACKAGES.find((q) => file.startsWith(q.name.replace('@', '').replace('/', '-')));
    if (p !== undefined) tarballs.set(p.name, join(work, file));
  }
  consumer = join(work, 'consumer');
  mkdirSync(consumer);
  const deps = Object.fromEntries([...tarballs].map(([name, file]) => [name, `file:${file}`]));
  // @authheaders/bearer/jwt needs jose, an optional peer dependency: a user of that entry installs it.
  const peers = { jose: JOSE_VERSION };
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { ...deps, ...peers }, pnpm: { overrides: deps } }, null, 2),
  );
  run('pnpm', ['install', '--prefer-offline', '--ignore-workspace', '--config.confirmModulesPurge=false'], consumer);
  // Type-checking needs Node's types; they are not ours to install.
  mkdirSync(join(consumer, 'node_modules/@types'), { recursive: true });
  symlinkSync(join(root, 'node_modules/@types/node'), join(consumer, 'node_modules/@types/node'));
  // The frameworks are optional peers of their entries: link the workspace's copies where a user's install puts them.
  for (const peer of ['hono', 'fastify', 'express', '@modelcontextprotocol/sdk', '@types/express', '@types/express-serve-static-core', 'redis', 'ioredis']) {
    mkdirSync(dirname(join(consumer, 'node_modules', peer)), { recursive: true });
    symlinkSync(realpathSync(join(root, 'packages/bearer/node_modules', peer)), join(consumer, 'node_modules', peer));
  }
}, 240_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('packed tarballs', () => {
  it('hold only what they need: dist, README, LICENSE, CHANGELOG, package.json (and the codemod files)', () => {
    expect([...tarballs.keys()].sort()).toEqual(PACKAGES.map((p) => p.name).sort());
    for (const p of PACKAGES) {
      const listing = run('tar', ['-tzf', tarballs.get(p.name)!], work).trim().split('\n').map((f) => f.replace(/^package\//, ''));
      const allowed = (f: string) =>
        f.startsWith('dist/') || ['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json'].includes(f) || p.extra.some((e) => f === e || (e.endsWith('/') && f.startsWith(e)));
      expect([p.name, listing.filter((f) => !allowed(f))]).toEqual([p.name, []]);
      for (const required of ['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']) expect(listing).toContain(required);
      expect(listing.some((f) => f.endsWith('.map') || f.startsWith('src/') || f.startsWith('test/'))).toBe(false);
    }
  });

  it('import with ESM and work', () => {
    const script = `
      import { parseChallenges, serializeChallenges } from '@authheaders/www-authenticate';
      import * as bearer from '@authheaders/bearer';
      import { bearerChallenge, serializeBearerChallenge, readBearerChallenge, resolveBearerToken, InsufficientScopeError, InvalidTokenError } from '@authheaders/bearer';
      import { createBearerAuthenticator, withBearerAuth } from '@authheaders/bearer/fetch';
      import { bearerAuth } from '@authheaders/bearer/node';
      import { jwtAccessTokenValidator, JwtAccessTokenError } from '@authheaders/bearer/jwt';
      import { migrateSource } from '@authheaders/codemod-legacy-header-aliases';
      import transform from '@authheaders/codemod-legacy-header-aliases/transform';
      import { checkAuthAdvertisement } from '@authheaders/cli';
      const header = serializeBearerChallenge(bearerChallenge({ realm: 'api', scope: ['a', 'b'] }));
      // An error class of the main entry, thrown inside the /fetch middleware, is the class the middleware knows.
      const stepUp = withBearerAuth(() => new Response('ok'), { validateToken: () => { throw new InsufficientScopeError(['w']); } });
      const refused = await stepUp(new Request('http://127.0.0.1/', { headers: { authorization: 'Bearer t' } }));
      const revoked = await withBearerAuth(() => new Response('ok'), { validateToken: () => { throw new InvalidTokenError('Revoked.'); } })(
        new Request('http://127.0.0.1/', { headers: { authorization: 'Bearer t' } }),
      );
      const out = {
        header,
        params: { ...parseChallenges(header)[0].params },
        scope: readBearerChallenge(header).scope,
        again: serializeChallenges(parseChallenges(header)),
        source: resolveBearerToken({ authorization: 'Bearer abc' }).source,
        middleware: typeof bearerAuth({ validateToken: () => null }),
        engine: typeof createBearerAuthenticator({ validateToken: () => null }),
        refused: [refused.status, refused.headers.get('www-authenticate')],
        revoked: [revoked.status, revoked.headers.get('www-authenticate'), await revoked.json()],
        mainHasMiddleware: 'withBearerAuth' in bearer || 'createBearerAuthenticator' in bearer,
        migrated: migrateSource("bearerAuth({ headerName: 'x-a', validateToken })", { callees: ['bearerAuth'] }).output,
        transform: typeof transform,
        check: typeof checkAuthAdvertisement,
        challenge: bearerChallenge({ error: 'invalid_token' }).params.error,
        jwt: await jwtAccessTokenValidator({ issuer: 'https://as.example', audience: 'https://rs.example', jwks: { keys: [] } })('x.y.z')
          .catch((e) => e instanceof JwtAccessTokenError && e.failure),
      };
      console.log(JSON.stringify(out));`;
    writeFileSync(join(consumer, 'esm.mjs'), script);
    expect(JSON.parse(run(process.execPath, ['esm.mjs'], consumer))).toEqual({
      header: 'Bearer realm="api", scope="a b"',
      params: { realm: 'api', scope: 'a b' },
      scope: ['a', 'b'],
      again: 'Bearer realm="api", scope="a b"',
      source: 'authorization',
      middleware: 'function',
      engine: 'function',
      refused: [403, 'Bearer error="insufficient_scope", error_description="Insufficient scope.", scope="w"'],
      revoked: [401, 'Bearer error="invalid_token", error_description="Revoked."', { error: 'invalid_token', error_description: 'Revoked.' }],
      mainHasMiddleware: false,
      migrated: "bearerAuth({ legacyHeaderAliases: ['x-a'], validateToken })",
      transform: 'function',
      check: 'function',
      challenge: 'invalid_token',
      jwt: 'malformed',
    });
  });

  it('import each framework entry with ESM and CJS, and guard a request on the real framework', () => {
    const esm = `
      import { Hono } from 'hono';
      import Fastify from 'fastify';
      import { bearerAuth as honoAuth } from '@authheaders/bearer/hono';
      import { bearerAuth as fastifyAuth } from '@authheaders/bearer/fastify';
      import { requireBearerAuth } from '@authheaders/bearer/mcp';
      const hono = new Hono().use(honoAuth({ token: 'secret-token', realm: 'api' })).get('/', (c) => c.text('ok'));
      const fastify = Fastify();
      await fastify.register(fastifyAuth, { realm: 'api', validateToken: (t) => (t === 'secret-token' ? { subject: 's' } : null) });
      fastify.get('/', async (request) => request.auth.subject);
      const out = {
        hono: [(await hono.request('/')).status, (await hono.request('/', { headers: { authorization: 'Bearer secret-token' } })).status],
        challenge: (await hono.request('/')).headers.get('www-authenticate'),
        fastify: [(await fastify.inject({ url: '/' })).statusCode, (await fastify.inject({ url: '/', headers: { authorization: 'Bearer secret-token' } })).body],
        mcp: typeof requireBearerAuth({ verifier: { verifyAccessToken: async () => ({}) } }),
      };
      await fastify.close();
      console.log(JSON.stringify(out));`;
    writeFileSync(join(consumer, 'frameworks.mjs'), esm);
    expect(JSON.parse(run(process.execPath, ['frameworks.mjs'], consumer))).toEqual({
      hono: [401, 200],
      challenge: 'Bearer realm="api"',
      fastify: [401, 's'],
      mcp: 'function',
    });
    const cjs = `
      console.log(JSON.stringify(['hono', 'fastify', 'mcp', 'node'].map((entry) => Object.keys(require('@authheaders/bearer/' + entry)).sort())));`;
    writeFileSync(join(consumer, 'frameworks.cjs'), cjs);
    expect(JSON.parse(run(process.execPath, ['frameworks.cjs'], consumer))).toEqual([
      ['bearerAuth'],
      ['bearerAuth', 'bearerAuthHook'],
      ['mcpScopes', 'requireBearerAuth'],
      ['bearerAuth'],
    ]);
  });

  it('relay a challenge through the /proxy entry with ESM, to a real upstream on loopback, and require it with CJS', () => {
    const esm = `
      import { createServer } from 'node:http';
      import { createAuthRelay, relayChallenges, toNodeListener } from '@authheaders/bearer/proxy';
      const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve('http://127.0.0.1:' + server.address().port)));
      const upstream = createServer((req, res) => {
        res.writeHead(401, { 'www-authenticate': 'Bearer realm="mcp", scope="a b", resource_metadata="http://10.1.2.3/.well-known/oauth-protected-resource/mcp"' }).end();
      });
      const upstreamOrigin = await listen(upstream);
      const proxy = createServer();
      const proxyOrigin = await listen(proxy);
      proxy.on('request', toNodeListener(createAuthRelay({ upstream: upstreamOrigin + '/mcp', publicUrl: proxyOrigin + '/mcp' })));
      const response = await fetch(proxyOrigin + '/mcp');
      const relayed = response.headers.get('www-authenticate').replace(proxyOrigin, 'PROXY');
      proxy.close();
      upstream.close();
      console.log(JSON.stringify({ status: response.status, relayed, piece: relayChallenges('Bearer, Basic realm="x"', { resourceMetadata: 'drop' }) }));`;
    writeFileSync(join(consumer, 'proxy.mjs'), esm);
    expect(JSON.parse(run(process.execPath, ['proxy.mjs'], consumer))).toEqual({
      status: 401,
      relayed: 'Bearer realm="mcp", scope="a b", resource_metadata="PROXY/.well-known/oauth-protected-resource/mcp"',
      piece: 'Bearer, Basic realm="x"',
    });
    writeFileSync(join(consumer, 'proxy.cjs'), `console.log(JSON.stringify(Object.keys(require('@authheaders/bearer/proxy')).sort()));`);
    expect(JSON.parse(run(process.execPath, ['proxy.cjs'], consumer))).toEqual(
      expect.arrayContaining(['createAuthRelay', 'memoryMetadataCache', 'relayChallenges', 'relayProtectedResourceMetadata', 'toNodeListener']),
    );
  });

  it.skipIf(redisSkipReason !== undefined)('keep DPoP replay state in a real redis-server through the /redis entry, node-redis with ESM and ioredis with CJS', async () => {
    const redis = await startRedisServer();
    try {
      const esm = `
        import { createClient } from 'redis';
        import { redisReplayCache, RedisStoreError } from '@authheaders/bearer/redis';
        const client = await createClient({ url: process.env.REDIS_URL }).connect();
        const cache = redisReplayCache({ client, prefix: 'packed:' });
        const answers = [await cache.checkAndStore('k', 60000), await cache.checkAndStore('k', 60000)];
        await client.close();
        console.log(JSON.stringify({ answers, error: new RedisStoreError('timeout', 'replay').message }));`;
      writeFileSync(join(consumer, 'redis.mjs'), esm);
      expect(JSON.parse(run(process.execPath, ['redis.mjs'], consumer, { REDIS_URL: redis.url }))).toEqual({
        answers: [true, false],
        error: 'Redis did not answer within commandTimeoutMs.',
      });
      const cjs = `
        const Redis = require('ioredis');
        const { redisNonceStore } = require('@authheaders/bearer/redis');
        const client = new Redis(process.env.REDIS_URL);
        const store = redisNonceStore({ client, prefix: 'packed:' });
        store.issue(60000).then(async (nonce) => {
          const known = (await store.expiresAt(nonce)) > Date.now();
          client.disconnect();
          console.log(JSON.stringify({ known, names: Object.keys(require('@authheaders/bearer/redis')).sort() }));
        });`;
      writeFileSync(join(consumer, 'redis.cjs'), cjs);
      expect(JSON.parse(run(process.execPath, ['redis.cjs'], consumer, { REDIS_URL: redis.url }))).toEqual({
        known: true,
        names: ['RedisStoreError', 'redisMetadataCache', 'redisNonceStore', 'redisReplayCache'],
      });
      // The entry loads no client of its own: the user's client is the only one.
      const built = readFileSync(join(consumer, 'node_modules/@authheaders/bearer/dist/redis/index.js'), 'utf8');
      expect(built).not.toMatch(/from\s*["'](redis|ioredis|@redis\/client)["']/);
    } finally {
      await redis.close();
    }
  }, 60_000);

  it('import the DPoP entry with ESM and CJS, and answer with both challenges from the packed middleware', () => {
    const esm = `
      import { memoryReplayCache, memoryNonceStore, DPOP_ALGORITHMS } from '@authheaders/bearer/dpop';
      import { withBearerAuth } from '@authheaders/bearer/fetch';
      const cache = memoryReplayCache({ maxEntries: 2 });
      const handler = withBearerAuth(() => new Response('ok'), { realm: 'api', dpop: { algs: ['ES256'] }, validateToken: () => null });
      const refused = await handler(new Request('http://127.0.0.1/', { headers: { authorization: 'DPoP abc' } }));
      console.log(JSON.stringify({
        replay: [await cache.checkAndStore('k', 1000), await cache.checkAndStore('k', 1000)],
        nonce: typeof (await memoryNonceStore().issue(1000)),
        algs: DPOP_ALGORITHMS.includes('ES256') && !DPOP_ALGORITHMS.includes('HS256'),
        refused: [refused.status, refused.headers.get('www-authenticate')],
      }));`;
    writeFileSync(join(consumer, 'dpop.mjs'), esm);
    expect(JSON.parse(run(process.execPath, ['dpop.mjs'], consumer))).toEqual({
      replay: [true, false],
      nonce: 'string',
      algs: true,
      refused: [401, 'DPoP realm="api", error="invalid_dpop_proof", error_description="Invalid DPoP proof.", algs="ES256", Bearer realm="api"'],
    });
    writeFileSync(join(consumer, 'dpop.cjs'), `console.log(JSON.stringify(Object.keys(require('@authheaders/bearer/dpop')).sort()));`);
    expect(JSON.parse(run(process.execPath, ['dpop.cjs'], consumer))).toEqual(
      expect.arrayContaining(['DPOP_ALGORITHMS', 'checkDpopProof', 'createDpopGate', 'memoryNonceStore', 'memoryReplayCache']),
    );
  });

  it('require with CJS and work', () => {
    const script = `
      const { parseChallenges, AuthHeaderSyntaxError } = require('@authheaders/www-authenticate');
      const { bearerChallenge, serializeBearerChallenge, InsufficientScopeError } = require('@authheaders/bearer');
      const { withBearerAuth } = require('@authheaders/bearer/fetch');
      const { bearerAuth } = require('@authheaders/bearer/node');
      const { jwtAccessTokenValidator } = require('@authheaders/bearer/jwt');
      const { migrateSource } = require('@authheaders/codemod-legacy-header-aliases');
      const cli = require('@authheaders/cli');
      let code;
      try { parseChallenges('Bearer a="b" c="d"'); } catch (e) { code = e instanceof AuthHeaderSyntaxError && e.code; }
      const stepUp = withBearerAuth(() => new Response('ok'), { validateToken: () => { throw new InsufficientScopeError(['w']); } });
      // A step-up refusal thrown by the /jwt entry is recognized by the /fetch engine in CommonJS too (one class).
      const jose = require('jose');
      const jwtStepUp = async () => {
        const { privateKey, publicKey } = await jose.generateKeyPair('ES256');
        const keys = [{ ...(await jose.exportJWK(publicKey)), kid: 'k' }];
        const token = await new jose.SignJWT({ sub: 'a', client_id: 'c', jti: 'j', acr: 'pwd', auth_time: Math.floor(Date.now() / 1000) })
          .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'k' }).setIssuer('https://as.example').setAudience('https://rs.example')
          .setIssuedAt().setExpirationTime('1h').sign(privateKey);
        const validateToken = jwtAccessTokenValidator({ issuer: 'https://as.example', audience: 'https://rs.example', jwks: { keys }, acrValues: ['mfa'] });
        const answer = await withBearerAuth(() => new Response('ok'), { validateToken })(new Request('http://127.0.0.1/', { headers: { authorization: 'Bearer ' + token } }));
        return answer.status + ' ' + /error="([^"]+)"/.exec(answer.headers.get('www-authenticate'))[1];
      };
      // So is a JwtAccessTokenError, an InvalidTokenError of the main entry: its description reaches the challenge.
      const jwtInvalid = async () => {
        const validateToken = jwtAccessTokenValidator({ issuer: 'https://as.example', audience: 'https://rs.example', jwks: { keys: [] } });
        const answer = await withBearerAuth(() => new Response('ok'), { validateToken })(new Request('http://127.0.0.1/', { headers: { authorization: 'Bearer x.y.z' } }));
        return answer.status + ' ' + /error_description="([^"]+)"/.exec(answer.headers.get('www-authenticate'))[1];
      };
      Promise.all([stepUp(new Request('http://127.0.0.1/', { headers: { authorization: 'Bearer t' } })), jwtStepUp(), jwtInvalid()]).then(([refused, jwtRefused, jwtInvalid]) => console.log(JSON.stringify({
        header: serializeBearerChallenge(bearerChallenge({ realm: 'x' })),
        code,
        node: typeof bearerAuth,
        jwt: typeof jwtAccessTokenValidator({ issuer: 'https://as.example', audience: 'https://rs.example', jwks: { keys: [] } }),
        changed: migrateSource("bearerAuth({ mcpHeaderName: 'x-a', validateToken })", { callees: ['bearerAuth'] }).changed,
        main: typeof cli.main,
        refused: refused.status,
        jwtRefused,
        jwtInvalid,
      })));`;
    writeFileSync(join(consumer, 'cjs.cjs'), script);
    expect(JSON.parse(run(process.execPath, ['cjs.cjs'], consumer))).toEqual({
      header: 'Bearer realm="x"',
      code: 'expected-comma',
      node: 'function',
      jwt: 'function',
      changed: true,
      main: 'function',
      refused: 403,
      jwtRefused: '401 insufficient_user_authentication',
      jwtInvalid: '401 The access token is not a well-formed JWT.',
    });
  });

  it('run their bins', () => {
    expect(run(join(consumer, 'node_modules/.bin/authheaders'), ['parse', 'Bearer realm=x'], consumer)).toContain('realm      x');
    expect(run(join(consumer, 'node_modules/.bin/legacy-header-aliases'), ['--help'], consumer)).toContain('Usage: legacy-header-aliases');
  });

  it.each(['node16', 'bundler'])('type-check a consumer under moduleResolution %s', (resolution) => {
    const source = `
      import { parseChallenges, type Challenge } from '@authheaders/www-authenticate';
      import { resolveBearerToken, readBearerChallenge, type AuthInfo, type BearerAuthOptions, type BearerTokenResolution } from '@authheaders/bearer';
      import { createBearerAuthenticator, withBearerAuth } from '@authheaders/bearer/fetch';
      import { bearerAuth } from '@authheaders/bearer/node';
      import { jwtAccessTokenValidator, type JwtAccessTokenInfo } from '@authheaders/bearer/jwt';
      import { migrateSource, type MigrationReport } from '@authheaders/codemod-legacy-header-aliases';
      import { checkAuthAdvertisement, type CheckReport } from '@authheaders/cli';
      const challenges: Challenge[] = parseChallenges('Bearer realm=x');
      const resolution: BearerTokenResolution = resolveBearerToken(new Headers());
      const token: string | undefined = resolution.ok ? resolution.token : undefined;
      const scope: string[] | undefined = readBearerChallenge(challenges)?.scope;
      const reports: MigrationReport[] = migrateSource('').reports;
      const report: Promise<CheckReport> = checkAuthAdvertisement('https://example.com');
      const options: BearerAuthOptions<Request, AuthInfo & { subject: string }> = { validateToken: () => ({ subject: 'ci' }) };
      const handler: (request: Request) => Promise<Response> = withBearerAuth(async (_request, auth) => new Response(auth.subject), options);
      const jwt: (token: string) => Promise<JwtAccessTokenInfo> = jwtAccessTokenValidator({ issuer: 'https://as.example', audience: 'https://rs.example', jwks: 'https://as.example/jwks' });
      export const all = [challenges, token, scope, reports, report, bearerAuth, handler, createBearerAuthenticator, jwt];
      // The proxy entry: a Fetch handler, and the pieces.
      import { createAuthRelay, relayChallenges, type AuthRelayOptions } from '@authheaders/bearer/proxy';
      const relayOptions: AuthRelayOptions = { upstream: 'http://10.1.2.3:3000/mcp', publicUrl: 'https://mcp.example.com/mcp' };
      export const relay: (request: Request) => Promise<Response> = createAuthRelay(relayOptions);
      export const relayed: string | undefined = relayChallenges('Bearer', { resourceMetadata: 'keep' });

      // Express: importing the Node entry types req.auth (no TS2339), as the README's example uses it.
      import express from 'express';
      import type { ExpressAuthInfo } from '@authheaders/bearer/node';
      const app = express();
      app.use(bearerAuth({ validateToken: async (t: string) => (t === 'x' ? { subject: 'a', scopes: ['read'] } : null) }));
      app.get('/me', (req, res) => {
        const auth: ExpressAuthInfo | undefined = req.auth;
        res.json({ subject: auth?.subject, scopes: req.auth?.scopes });
      });
      // Hono: c.get('auth') is what validateToken returned.
      import { Hono } from 'hono';
      import { bearerAuth as honoAuth } from '@authheaders/bearer/hono';
      export const hono = new Hono().get('/me', honoAuth({ validateToken: async () => ({ subject: 'a', tenant: 't' }) }), (c) => c.text(c.get('auth').tenant));
      // Fastify: request.auth is decorated and typed.
      import Fastify from 'fastify';
      import { bearerAuth as fastifyAuth } from '@authheaders/bearer/fastify';
      const fastify = Fastify();
      void fastify.register(fastifyAuth, { validateToken: () => null });
      fastify.get('/me', async (request) => request.auth?.subject ?? null);
`;
    // MCP in a program of its own: the SDK declares req.auth itself, and its declaration then wins over ours.
    const mcpSource = `
      import express from 'express';
      import { bearerAuth } from '@authheaders/bearer/node';
      import { requireBearerAuth } from '@authheaders/bearer/mcp';
      const app = express();
      app.use('/api', bearerAuth({ validateToken: () => null }));
      app.post('/mcp', requireBearerAuth({ verifier: { verifyAccessToken: async (token: string) => ({ token, clientId: 'c', scopes: [] }) } }), (req, res) => {
        res.json({ client: req.auth?.clientId });
      });`;
    const options = resolution === 'node16' ? { module: 'node16', moduleResolution: 'node16' } : { module: 'esnext', moduleResolution: 'bundler' };
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    for (const [name, text] of [['consumer', source], ['mcp-consumer', mcpSource]] as const) {
      const dir = join(consumer, resolution, name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, resolution === 'node16' ? 'consumer.mts' : 'consumer.ts'), text);
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({ compilerOptions: { ...options, target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, esModuleInterop: true, types: ['node'], lib: ['es2022', 'dom'] }, include: ['*.ts', '*.mts'] }),
      );
      let output = '';
      try {
        run(process.execPath, [tsc, '-p', 'tsconfig.json'], dir);
      } catch (error) {
        output = String((error as { stdout?: string }).stdout ?? error);
      }
      expect([name, output]).toEqual([name, '']);
    }
    // Checking Fastify's and the MCP SDK's declarations too (skipLibCheck: false) takes a while.
  }, 180_000);
});
