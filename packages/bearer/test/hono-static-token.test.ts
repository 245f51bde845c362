// The static-token comparison of the Hono entry: exactly list membership, whatever the hash, never a prefix match.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { staticTokenVerifier } from '../src/hono/static-token-verifier';

const runs = { seed: Number(process.env.FC_SEED ?? 20261130), numRuns: Number(process.env.FC_NUM_RUNS ?? 200) };
const token = fc.stringMatching(/^[A-Za-z0-9._~+/-]{1,24}$/);

describe('staticTokenVerifier', () => {
  it('matches exactly the configured tokens (SHA-256 through Web Crypto)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(token, { minLength: 1, maxLength: 4 }), token, async (configured, presented) => {
        const matches = staticTokenVerifier(configured);
        expect(await matches(presented)).toBe(configured.includes(presented));
        for (const each of configured) expect(await matches(each)).toBe(true);
      }),
      runs,
    );
  });

  it('never matches a prefix, a suffix or a case variant', async () => {
    const matches = staticTokenVerifier(['secret-Token']);
    for (const presented of ['secret-Toke', 'secret-Token2', 'Xsecret-Token', 'secret-token', 'SECRET-TOKEN']) {
      expect(await matches(presented)).toBe(false);
    }
  });

  it('takes a hash function returning a string, an ArrayBuffer or a typed array; nothing comparable matches nothing', async () => {
    const bytes = (value: string) => new TextEncoder().encode(value);
    for (const hashFunction of [(v: string) => `h:${v}`, (v: string) => bytes(v).buffer, (v: string) => bytes(v), async (v: string) => bytes(v)]) {
      const matches = staticTokenVerifier(['abc', 'def'], hashFunction);
      expect([await matches('abc'), await matches('def'), await matches('abd')]).toEqual([true, true, false]);
    }
    expect(await staticTokenVerifier('abc', () => 42)('abc')).toBe(false);
  });

  it('a weak hash cannot let a collision in: the originals are compared too', async () => {
    const matches = staticTokenVerifier('abc', () => 'same for everything');
    expect(await matches('abc')).toBe(true);
    expect(await matches('xyz')).toBe(false);
  });

  it('refuses an empty token, an empty list entry or a non-function hash when built', () => {
    expect(() => staticTokenVerifier('')).toThrow(TypeError);
    expect(() => staticTokenVerifier(['a', ''])).toThrow(TypeError);
    expect(() => staticTokenVerifier(42 as never)).toThrow(TypeError);
    expect(() => staticTokenVerifier('a', 'sha256' as never)).toThrow(TypeError);
  });

  it('does work independent of the length of the list: a digest lookup, not a comparison per configured token', async () => {
    // Issue 20, item 8: before, each request compared every configured hash (10,000 tokens: 4.2–5.2 ms a request,
    // and 1,280,000 character reads here for one bogus token). Character reads are counted, not timed.
    const tokens = Array.from({ length: 10_000 }, (_, i) => `token-${i}-${'x'.repeat(24)}`);
    const matches = staticTokenVerifier(tokens);
    await matches('warm-up'); // the configured tokens are hashed on first use
    const reads = vi.spyOn(String.prototype, 'charCodeAt');
    try {
      expect(await matches('bogus-token-of-some-length')).toBe(false);
      const forBogus = reads.mock.calls.length;
      reads.mockClear();
      expect(await matches(tokens[9_999]!)).toBe(true);
      const forGood = reads.mock.calls.length;
      expect(forBogus).toBeLessThan(100);
      expect(forGood).toBeLessThan(200); // the one constant-time comparison of the token, its own length
    } finally {
      reads.mockRestore();
    }
  });
});
