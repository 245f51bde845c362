import { describe, expect, it } from 'vitest';
import { isGatewaySecretHeader } from '../src/gateway-secret-header';
import { routesMayOverlap } from '../src/hono-routes';
import { migrateHonoSource } from '../src/migrate-hono-source';
import { migrateSource } from '../src/migrate-source';

// After the Hono migration Authorization is read first: an app whose requests also carry the client's own
// Authorization (for hono/jwt, another bearer middleware, a handler, or passed through a gateway) would refuse
// them. Such calls are marked, never migrated silently; the end-to-end proof is test/e2e/hono-migration-behaviour.
const APP = `import { Hono } from 'hono';\nimport { bearerAuth } from 'hono/bearer-auth';\nconst app = new Hono();\n`;
const API_KEY = `app.use('/api/*', bearerAuth({ token: 'k', headerName: 'X-Api-Key' }));\n`;
const READS = 'this app also reads Authorization on these routes';

describe('the Hono migration, when the app also reads Authorization', () => {
  const marked: Array<[string, string, string]> = [
    ['hono/jwt on the same routes', `import { jwt } from 'hono/jwt';\n${APP}${API_KEY}app.use('/api/*', jwt({ secret: 's', alg: 'HS256' }));\n`, 'jwt from hono/jwt, line 6'],
    ['hono/jwt on every route', `import { jwt } from 'hono/jwt';\n${APP}app.use(jwt({ secret: 's', alg: 'HS256' }));\n${API_KEY}`, 'jwt from hono/jwt, line 5'],
    ['hono/jwk under another name', `import { jwk as verifyJwk } from 'hono/jwk';\n${APP}${API_KEY}app.get('/api/me', verifyJwk({ jwks_uri: 'u' }), (c) => c.json({}));\n`, 'jwk from hono/jwk, line 6'],
    ['a handler reading the header', `${APP}${API_KEY}app.get('/api/me', (c) => c.json({ auth: c.req.header('Authorization') }));\n`, "c.req.header('Authorization'), line 5"],
    ['Hono bearerAuth on Authorization, every route', `${APP}app.use(bearerAuth({ token: 'user' }));\n${API_KEY}`, 'bearerAuth from hono/bearer-auth, line 4'],
    ['our adapter on the same routes', `import { bearerAuth as ours } from '@authheaders/bearer/hono';\n${APP}${API_KEY}app.use('/api/*', ours({ token: 'u' }));\n`, 'bearerAuth from @authheaders/bearer/hono, line 6'],
    ['a middleware passed around (route unknown)', `${APP}const user = async (c, next) => { c.req.raw.headers.get('authorization'); await next(); };\n${API_KEY}app.use('/api/*', user);\n`, "c.req.raw.headers.get('authorization'), line 4"],
    ['node headers', `${APP}${API_KEY}app.get('/api/x', (c) => c.env.incoming.headers.authorization);\n`, 'c.env.incoming.headers.authorization, line 5'],
    ['a nested route under the same prefix', `${APP}${API_KEY}app.get('/api/:id', (c) => c.text(c.req.header('authorization') ?? ''));\n`, "c.req.header('authorization'), line 5"],
    ['another app (a sub-app routed anywhere)', `import { jwt } from 'hono/jwt';\n${APP}const v1 = new Hono();\nv1.use('/admin/*', jwt({ secret: 's', alg: 'HS256' }));\n${API_KEY}`, 'jwt from hono/jwt, line 6'],
  ];

  it.each(marked)('%s: marked with the reason, nothing else changed', (_, source, what) => {
    const { output, changed, reports } = migrateHonoSource(source);
    expect(changed).toBe(true);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ kind: 'unmigrated' });
    expect(reports[0]!.reason).toBe(
      `${READS} (${what}): it would be read first, so a request with both credentials would be refused; migrate by hand`,
    );
    expect(output).toContain(`/* legacy-header-aliases: ${READS}`);
    expect(output).toContain(`from 'hono/bearer-auth'`);
    expect(output).not.toContain('legacyHeaderAliases');
    expect(output.replace(/\/\* legacy-header-aliases: [^*]*\*\/ /, '')).toBe(source);
    expect(migrateHonoSource(output)).toMatchObject({ changed: false });
  });

  const migrated: Array<[string, string]> = [
    ['hono/jwt on other routes of the same app', `import { jwt } from 'hono/jwt';\n${APP}${API_KEY}app.use('/admin/*', jwt({ secret: 's', alg: 'HS256' }));\n`],
    ['hono/jwt reading a header of its own', `import { jwt } from 'hono/jwt';\n${APP}${API_KEY}app.use('/api/*', jwt({ secret: 's', alg: 'HS256', headerName: 'X-Jwt' }));\n`],
    ['hono/basic-auth (Basic is no bearer credential)', `import { basicAuth } from 'hono/basic-auth';\n${APP}${API_KEY}app.use('/api/*', basicAuth({ username: 'u', password: 'p' }));\n`],
    ['sign and verify helpers of hono/jwt', `import { sign, verify } from 'hono/jwt';\n${APP}${API_KEY}app.get('/api/token', async (c) => c.text(await sign({}, 's')));\nexport { verify };\n`],
    ['the header read on another route', `${APP}${API_KEY}app.get('/me', (c) => c.text(c.req.header('authorization') ?? ''));\n`],
    ['Hono bearerAuth on Authorization, other routes', `${APP}app.use('/admin/*', bearerAuth({ token: 'admin' }));\n${API_KEY}`],
    ['the word in a string elsewhere', `${APP}${API_KEY}app.get('/api/doc', (c) => c.text('send Authorization or X-Api-Key'));\n`],
  ];

  it.each(migrated)('%s: migrated as before', (_, source) => {
    const { output, reports } = migrateHonoSource(source);
    expect(reports).toEqual([]);
    expect(output).toContain(`({ token: 'k', legacyHeaderAliases: ['X-Api-Key'], legacyAliasesBearerPrefixRequired: true })`);
  });

  it('marks a gateway secret header, which the gateway sends next to the client\'s own Authorization', () => {
    for (const name of ['X-RapidAPI-Proxy-Secret', 'x-rapidapi-proxy-secret', 'X-Relay-Secret', 'X-Internal-Secret', 'X-Origin-Verify']) {
      expect([name, isGatewaySecretHeader(name)]).toEqual([name, true]);
    }
    for (const name of ['X-Api-Key', 'x-gateway-key', 'X-Hook-Token', 'X-Bot-Token']) expect([name, isGatewaySecretHeader(name)]).toEqual([name, false]);
    const source = `${APP}app.use('*', bearerAuth({ token: 's', headerName: 'X-RapidAPI-Proxy-Secret', prefix: '' }));\n`;
    const { output, reports } = migrateHonoSource(source);
    expect(reports).toEqual([
      {
        line: 4,
        kind: 'unmigrated',
        reason:
          '"X-RapidAPI-Proxy-Secret" looks like a gateway\'s secret, not the client\'s token: the client\'s own Authorization would be read first and the request refused; migrate by hand',
      },
    ]);
    expect(output).toContain(`prefix: '' }));`);
    expect(output).not.toContain('legacyHeaderAliases');
  });

  it('tells routes that never meet from routes that may', () => {
    const route = (path: string, app: string | undefined = 'app') => ({ app, path });
    expect(routesMayOverlap(route('/api/*'), route('/admin/*'))).toBe(false);
    expect(routesMayOverlap(route('/api/v1/*'), route('/api/v2'))).toBe(false);
    for (const [a, b] of [['/api/*', '/api/me'], ['/api/*', '*'], ['/:tenant/*', '/api/*'], ['/api', '/api/x'], ['/API/*', '/api/*']]) {
      expect([a, b, routesMayOverlap(route(a!), route(b!))]).toEqual([a, b, true]);
    }
    expect(routesMayOverlap(route('/api/*', 'app'), route('/admin/*', 'admin'))).toBe(true);
    expect(routesMayOverlap({ app: undefined, path: '/api/*' }, { app: undefined, path: '/admin/*' })).toBe(true);
    expect(routesMayOverlap(undefined, route('/admin/*'))).toBe(true);
  });
});

describe('the Hono migration, when the token comes from the environment', () => {
  const NOTE =
    'migrated; token comes from the environment: unset or empty, the new middleware throws a TypeError when it is built (hono/bearer-auth answered 401)';
  it.each([
    ['process.env', `app.use('/a/*', bearerAuth({ token: process.env.API_KEY!, headerName: 'x-a' }));`, 4],
    ['a Worker binding, built per request', `app.use('/a/*', (c, next) => bearerAuth({\n  token: c.env.TOKEN,\n  headerName: 'x-a',\n})(c, next));`, 5],
    ['a const read from the environment', `const keys = (process.env.KEYS ?? '').split(',');\napp.use('/a/*', bearerAuth({ token: keys, headerName: 'x-a' }));`, 5],
  ])('reports %s, and migrates', (_, call, line) => {
    const { reports, output } = migrateHonoSource(`${APP}${call}\n`);
    expect(reports).toEqual([{ line, kind: 'note', reason: NOTE }]);
    expect(output).toContain(`legacyHeaderAliases: ['x-a']`);
  });

  it.each([
    ['a literal', `app.use('/a/*', bearerAuth({ token: 'k', headerName: 'x-a' }));`],
    ['a const list', `const TOKENS = ['a', 'b'];\napp.use('/a/*', bearerAuth({ token: TOKENS, headerName: 'x-a' }));`],
    ['verifyToken reading a binding per request (unset: refused, as in Hono)', `app.use('/a/*', bearerAuth({ verifyToken: (t, c) => t === c.env.TOKEN, headerName: 'x-a' }));`],
  ])('does not report %s', (_, call) => {
    expect(migrateHonoSource(`${APP}${call}\n`).reports).toEqual([]);
  });
});

describe('the default migration points to --hono only where --hono changes something', () => {
  it('is silent on calls --hono leaves alone, and says when --hono only marks', () => {
    const left = `${APP}app.use('/a/*', bearerAuth({ token: 't', headerName: 'Authorization' }));\napp.use('/b/*', bearerAuth({ ...options }));\n`;
    expect(migrateSource(left).reports).toEqual([]);
    expect(migrateHonoSource(left).changed).toBe(false);
    const toMark = `import { jwt } from 'hono/jwt';\n${APP}${API_KEY}app.use('/api/*', jwt({ secret: 's', alg: 'HS256' }));\n`;
    expect(migrateSource(toMark).reports).toEqual([
      { line: 5, kind: 'unseen', reason: "Hono's bearerAuth reads only headerName, never Authorization: the Hono migration (--hono) marks this call to migrate by hand" },
    ]);
    // Once --hono has run, the pointer is gone: nothing more for --hono to change.
    expect(migrateSource(migrateHonoSource(toMark).output).reports).toEqual([]);
  });
});
