// requiredScopes as a function of the JSON-RPC operation, and mcpScopes, the table that builds one: what each
// operation needs, one complete challenge, offline_access never in it, hierarchies through satisfies, and a function
// that fails is a server error, never a grant.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBearerChallenge, type RequiredScopes, type ScopeRequest } from '@authheaders/bearer';
import { createBearerAuthenticator, withBearerAuth } from '@authheaders/bearer/fetch';
import { mcpScopes, type McpScopesOptions } from '@authheaders/bearer/mcp';
import { scopeRequests } from '../src/scope-request';

// Fixed seed in CI so a failure reproduces; FC_NUM_RUNS and FC_SEED for a longer hunt on demand.
const runs = { seed: Number(process.env.FC_SEED ?? 20261206), numRuns: Number(process.env.FC_NUM_RUNS ?? 200) };

const call = (name: unknown, id = 1) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: {} } });
const table = mcpScopes({
  default: ['mcp:basic'],
  public: ['initialize', 'tools/list', 'ping'],
  methods: { 'resources/read': ['res:read'] },
  // An own __proto__ key, as JSON.parse makes it (an object literal would set the prototype instead).
  tools: JSON.parse('{"read_file":["files:read"],"delete_file":["files:write"],"__proto__":["proto:x"]}') as McpScopesOptions['tools'],
  resources: { 'file:///a.txt': ['files:read'] },
  prompts: { summarize: ['prompts:use'] },
});
const scopesOf = (message: unknown) => table(scopeRequests(message)[0]!);

describe('ScopeRequest: what the function is told of the operation', () => {
  it('reads method, tool, resource URI and prompt name, as own string members only', () => {
    expect(scopeRequests(call('read_file'))[0]).toMatchObject({ method: 'tools/call', tool: 'read_file', resource: undefined, prompt: undefined });
    expect(scopeRequests({ method: 'resources/read', params: { uri: 'file:///a.txt' } })[0]).toMatchObject({ resource: 'file:///a.txt', tool: undefined });
    expect(scopeRequests({ method: 'prompts/get', params: { name: 'summarize' } })[0]).toMatchObject({ prompt: 'summarize' });
    // Not strings, not own, not objects: nothing read.
    expect(scopeRequests(call(42))[0]!.tool).toBeUndefined();
    expect(scopeRequests(JSON.parse('{"method":"tools/call","params":{"__proto__":{"name":"read_file"}}}'))[0]!.tool).toBeUndefined();
    expect(scopeRequests({ method: 'tools/call', params: ['read_file'] })[0]!.tool).toBeUndefined();
    expect(scopeRequests(undefined)[0]).toMatchObject({ method: undefined, message: undefined });
    expect(scopeRequests('tools/call')[0]!.method).toBeUndefined();
    // A batch: one per member; an empty batch is one request without a method.
    expect(scopeRequests([call('a'), call('b')]).map((request) => request.tool)).toEqual(['a', 'b']);
    expect(scopeRequests([])).toHaveLength(1);
  });
});

describe('mcpScopes', () => {
  it('public methods need nothing; others need default, their method entry and their own entry', () => {
    expect(scopesOf({ method: 'initialize' })).toEqual([]);
    expect(scopesOf({ method: 'tools/list' })).toEqual([]);
    expect(scopesOf(call('read_file'))).toEqual(['mcp:basic', 'files:read']);
    expect(scopesOf(call('delete_file'))).toEqual(['mcp:basic', 'files:write']);
    expect(scopesOf(call('unknown_tool'))).toEqual(['mcp:basic']);
    expect(scopesOf({ method: 'resources/read', params: { uri: 'file:///a.txt' } })).toEqual(['mcp:basic', 'res:read', 'files:read']);
    expect(scopesOf({ method: 'prompts/get', params: { name: 'summarize' } })).toEqual(['mcp:basic', 'prompts:use']);
    expect(scopesOf(undefined)).toEqual(['mcp:basic']);
  });

  it('a tool named __proto__, constructor or toString is a name like any other', () => {
    expect(scopesOf(call('__proto__'))).toEqual(['mcp:basic', 'proto:x']);
    expect(scopesOf(call('constructor'))).toEqual(['mcp:basic']);
    expect(scopesOf(call('toString'))).toEqual(['mcp:basic']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('checks its options when built: a TypeError naming the option, never its value', () => {
    const secretish = 'tok-SECRET value';
    const cases: Array<[unknown, RegExp]> = [
      [{ default: [secretish] }, /mcpScopes default/],
      [{ default: 'mcp:basic' }, /mcpScopes default/],
      [{ tools: { a: [secretish] } }, /mcpScopes tools/],
      [{ tools: [] }, /mcpScopes tools/],
      [{ resources: { a: 'files:read' } }, /mcpScopes resources/],
      [{ public: 'initialize' }, /mcpScopes public/],
      [{ satisfies: 'exact' }, /mcpScopes satisfies/],
      [null, /options object/],
    ];
    for (const [options, message] of cases) {
      expect(() => mcpScopes(options as McpScopesOptions)).toThrow(TypeError);
      expect(() => mcpScopes(options as McpScopesOptions)).toThrow(message);
      try {
        mcpScopes(options as McpScopesOptions);
      } catch (error) {
        expect((error as Error).message).not.toContain('SECRET');
      }
    }
  });

  it('copies its tables: a later change has no effect', () => {
    const tools = { read_file: ['files:read'] };
    const scopes = mcpScopes({ tools });
    tools.read_file.push('files:write');
    expect(scopes(scopeRequests(call('read_file'))[0]!)).toEqual(['files:read']);
  });
});

/** An engine over a table, a token granting `granted`. */
function engine(requiredScopes: RequiredScopes, granted: string[] = ['mcp:basic']) {
  return createBearerAuthenticator({
    realm: 'mcp',
    resourceMetadata: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp',
    requiredScopes,
    validateToken: (token) => (token === 'good' ? { subject: 'u', scopes: granted } : null),
  });
}
const challengeOf = (outcome: Awaited<ReturnType<ReturnType<typeof engine>>>) =>
  outcome.ok ? undefined : readBearerChallenge(outcome.failure.wwwAuthenticate!);

describe('the engine with a function of the operation', () => {
  it('reads the body only when requiredScopes is a function', () => {
    expect(engine(table).readsBody).toBe(true);
    expect(engine(['mcp:basic']).readsBody).toBe(false);
    expect(engine(table).maxBodyBytes).toBe(1_048_576);
  });

  it('a 403 names every scope of the operation, held ones included, with resource_metadata; the 401 too', async () => {
    const authenticate = engine(table);
    const refused = await authenticate({ authorization: 'Bearer good' }, undefined, { body: () => call('delete_file') });
    expect(refused).toMatchObject({ ok: false, failure: { status: 403, outcome: 'insufficient_scope' } });
    expect(challengeOf(refused)).toMatchObject({ error: 'insufficient_scope', scope: ['mcp:basic', 'files:write'] });
    expect(challengeOf(refused)?.resourceMetadata?.href).toBe('https://mcp.example.com/.well-known/oauth-protected-resource/mcp');
    const missing = await authenticate({}, undefined, { body: () => call('read_file') });
    expect(missing).toMatchObject({ ok: false, failure: { status: 401, error: undefined } });
    expect(challengeOf(missing)?.scope).toEqual(['mcp:basic', 'files:read']);
    // The same operation, the same frozen answer: built once per set of scopes.
    expect(await authenticate({}, undefined, { body: () => call('read_file') })).toBe(missing);
    expect(await authenticate({ authorization: 'Bearer good' }, undefined, { body: () => ({ method: 'tools/list' }) })).toMatchObject({ ok: true });
  });

  it('a batch needs the union of its members: one challenge naming both tools\' scopes', async () => {
    const refused = await engine(table)({ authorization: 'Bearer good' }, undefined, { body: () => [call('read_file', 1), call('delete_file', 2), { method: 'ping' }] });
    expect(challengeOf(refused)?.scope).toEqual(['mcp:basic', 'files:read', 'files:write']);
    expect(refused.ok || refused.failure.wwwAuthenticate!.match(/Bearer/g)).toHaveLength(1);
  });

  it('offline_access is never challenged nor required, in a list or from a function', async () => {
    const fromTable = mcpScopes({ default: ['offline_access', 'mcp:basic'], tools: { t: ['offline_access'] } });
    const refused = await engine(fromTable, [])({ authorization: 'Bearer good' }, undefined, { body: () => call('t') });
    expect(challengeOf(refused)?.scope).toEqual(['mcp:basic']);
    expect(await engine(fromTable, ['mcp:basic'])({ authorization: 'Bearer good' }, undefined, { body: () => call('t') })).toMatchObject({ ok: true });
    const fixed = engine(['offline_access', 'mcp:basic'], []);
    expect(challengeOf(await fixed({}, undefined))?.scope).toEqual(['mcp:basic']);
    expect(await engine(['offline_access'], [])({ authorization: 'Bearer good' }, undefined)).toMatchObject({ ok: true });
  });

  it('satisfies decides hierarchies and any-of; only true grants', async () => {
    const hierarchy = mcpScopes({
      tools: { read_file: ['files:read'], admin_only: ['admin'] },
      satisfies: (granted, required) => granted.includes(required) || granted.includes('admin') || (required.startsWith('files:') && granted.includes('files:*')),
    });
    expect(await engine(hierarchy, ['files:*'])({ authorization: 'Bearer good' }, undefined, { body: () => call('read_file') })).toMatchObject({ ok: true });
    expect(await engine(hierarchy, ['files:*'])({ authorization: 'Bearer good' }, undefined, { body: () => call('admin_only') })).toMatchObject({ ok: false, failure: { status: 403 } });
    expect(await engine(hierarchy, ['admin'])({ authorization: 'Bearer good' }, undefined, { body: () => call('read_file') })).toMatchObject({ ok: true });
    const truthy = mcpScopes({ tools: { t: ['x'] }, satisfies: (() => 1) as never });
    expect(await engine(truthy)({ authorization: 'Bearer good' }, undefined, { body: () => call('t') })).toMatchObject({ ok: false, failure: { status: 403 } });
  });

  it('a function that throws, rejects or returns something else is a server error, never a grant', async () => {
    const bad: Array<(request: ScopeRequest) => unknown> = [
      () => {
        throw new Error('tok-SECRET');
      },
      async () => Promise.reject(new Error('boom')),
      () => 'files:read',
      () => ['files read'],
      () => [42],
      () => undefined,
    ];
    for (const requiredScopes of bad) {
      await expect(engine(requiredScopes as never)({ authorization: 'Bearer good' }, undefined, { body: () => call('t') })).rejects.toThrow();
      const handler = withBearerAuth(() => new Response('granted'), { requiredScopes: requiredScopes as never, validateToken: () => ({ scopes: [] }) });
      const response = await handler(new Request('http://127.0.0.1/mcp', { method: 'POST', headers: { authorization: 'Bearer good' }, body: JSON.stringify(call('t')) }));
      expect(response.status).toBe(500);
      expect(await response.text()).toBe('');
    }
    // satisfies that throws: the same.
    const throwing = Object.assign(() => ['x'], { satisfies: () => { throw new Error('boom'); } });
    await expect(engine(throwing)({ authorization: 'Bearer good' }, undefined, { body: () => call('t') })).rejects.toThrow();
  });

  it('a function or a body that never settles is bounded by validateTokenTimeoutMs: 503 for the function, 400 for the body', async () => {
    const validateToken = () => ({ scopes: ['mcp:basic'] });
    const hung = createBearerAuthenticator({ validateTokenTimeoutMs: 50, requiredScopes: () => new Promise<string[]>(() => {}), validateToken });
    expect(await hung({ authorization: 'Bearer good' }, undefined, { body: () => call('t') })).toMatchObject({ ok: false, failure: { status: 503, outcome: 'validator_timeout' } });
    const slowBody = createBearerAuthenticator({ validateTokenTimeoutMs: 50, requiredScopes: table, validateToken });
    expect(await slowBody({ authorization: 'Bearer good' }, undefined, { body: () => new Promise(() => {}) })).toMatchObject({ ok: false, failure: { status: 400, outcome: 'unreadable_body' } });
  });

  it('checks the options when built: requiredScopes.satisfies, maxBodyBytes, cors', () => {
    expect(() => engine(Object.assign(() => [], { satisfies: 'yes' }) as never)).toThrow(/requiredScopes.satisfies/);
    for (const maxBodyBytes of [0, -1, 1.5, '1024', Infinity]) {
      expect(() => createBearerAuthenticator({ maxBodyBytes: maxBodyBytes as never, validateToken: () => null })).toThrow(/maxBodyBytes must be a positive integer/);
    }
    expect(() => createBearerAuthenticator({ cors: 'yes' as never, validateToken: () => null })).toThrow(/cors must be a boolean/);
    expect(() => engine('files:read' as never)).toThrow(/requiredScopes must be an array/);
  });
});

// RFC 6750 §3 scope-tokens, weighted towards names that are also Object.prototype members.
const scopeToken = fc.oneof(
  fc.constantFrom('offline_access', 'mcp:basic', 'files:read', 'files:write', 'admin', '__proto__', 'constructor'),
  fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)).filter((c) => c !== '"' && c !== '\\'), minLength: 1, maxLength: 8 }),
);
const scopes = fc.array(scopeToken, { maxLength: 4 });
const name = fc.constantFrom('read_file', 'delete_file', '__proto__', 'constructor', 'toString', 'other');
const method = fc.constantFrom('initialize', 'tools/list', 'tools/call', 'resources/read', 'prompts/get', 'ping', 'notifications/initialized');
const message = fc.record({ jsonrpc: fc.constant('2.0'), id: fc.nat(), method, params: fc.record({ name, uri: name }) });
const tableOptions = fc.record({
  default: scopes,
  public: fc.array(method, { maxLength: 3 }),
  methods: fc.dictionary(method, scopes, { maxKeys: 3 }),
  tools: fc.dictionary(name, scopes, { maxKeys: 3 }),
  resources: fc.dictionary(name, scopes, { maxKeys: 2 }),
  prompts: fc.dictionary(name, scopes, { maxKeys: 2 }),
});

describe('property: one complete challenge for any table and any request (fixed seed)', () => {
  it('the challenge scope is the operation\'s scopes minus offline_access; a grant only when satisfies holds for each', async () => {
    await fc.assert(
      fc.asyncProperty(tableOptions, fc.oneof(message, fc.array(message, { minLength: 1, maxLength: 3 })), scopes, fc.boolean(), async (options, body, granted, hierarchy) => {
        const satisfies = hierarchy ? (held: readonly string[], required: string) => held.includes(required) || held.includes('admin') : undefined;
        const requiredScopes = mcpScopes({ ...options, satisfies });
        const members = scopeRequests(body);
        const expected = [...new Set(members.flatMap((request) => [...requiredScopes(request) as readonly string[]]))].filter((scope) => scope !== 'offline_access');
        const authenticate = engine(requiredScopes, granted);
        const holds = (scope: string) => (satisfies ?? ((held: readonly string[], required: string) => held.includes(required)))(granted, scope);

        const missing = await authenticate({}, undefined, { body: () => body });
        expect(missing.ok).toBe(false);
        expect(challengeOf(missing)?.scope).toEqual(expected);

        const outcome = await authenticate({ authorization: 'Bearer good' }, undefined, { body: () => body });
        expect(outcome.ok).toBe(expected.every(holds));
        if (!outcome.ok) {
          expect(outcome.failure.status).toBe(403);
          expect(challengeOf(outcome)?.scope).toEqual(expected);
          expect(outcome.failure.wwwAuthenticate!.match(/Bearer /g)).toHaveLength(1);
        }
      }),
      runs,
    );
  });
});
