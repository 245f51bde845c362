// The adapters against hostile requests and careless options, on the real frameworks (Hono's app.request, Fastify's
// inject). Each test here failed before the fix it names; the probes that held up are listed in the report of the
// change, not repeated here.
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bearerAuth } from '@authheaders/bearer/hono';
import { staticTokenVerifier } from '../src/hono/static-token-verifier';

afterEach(() => {
  vi.restoreAllMocks();
});

async function honoAnswer(middleware: ReturnType<typeof bearerAuth>, headers: Record<string, string>) {
  const app = new Hono();
  app.use('/a', middleware);
  app.get('/a', (c) => c.text('in'));
  const res = await app.request('/a', { headers });
  return { status: res.status, challenge: res.headers.get('www-authenticate'), body: await res.text() };
}

describe('Hono: a long list of static tokens and a long presented token', () => {
  const tokens = Array.from({ length: 1000 }, (_, i) => `token-${i}-${'x'.repeat(24)}`);

  it('walks the presented token a bounded number of times, not once per configured token', async () => {
    const verify = staticTokenVerifier(tokens);
    await verify('warm-up'); // the configured tokens are hashed on first use
    // Character reads are the unit of work of the comparison: counted, not timed.
    const reads = vi.spyOn(String.prototype, 'charCodeAt');
    expect(await verify('a'.repeat(2000))).toBe(false);
    const count = reads.mock.calls.length;
    reads.mockRestore();
    // 1000 tokens × 64 hex digits of SHA-256 each: the 2000 characters of the token are not read per configured token.
    expect(count).toBeLessThan(200_000);
  });

  it('still accepts the last token of the list, and refuses a collision of a weak hashFunction', async () => {
    expect((await honoAnswer(bearerAuth({ token: tokens }), { authorization: `Bearer ${tokens.at(-1)}` })).status).toBe(200);
    const constantHash = () => 'same';
    const weak = bearerAuth({ token: ['first-token', 'other-token'], hashFunction: constantHash });
    expect((await honoAnswer(weak, { authorization: 'Bearer first-token' })).status).toBe(200);
    expect((await honoAnswer(weak, { authorization: 'Bearer other-token' })).status).toBe(200);
    expect((await honoAnswer(weak, { authorization: 'Bearer third-token' })).status).toBe(401);
  });
});

describe('Hono: options that can never work are refused when the middleware is built', () => {
  it('an empty token list (it would refuse every request without saying why)', () => {
    expect(() => bearerAuth({ token: [] })).toThrow(TypeError);
    expect(() => bearerAuth({ token: [] })).toThrow(/non-empty array/);
  });
});
