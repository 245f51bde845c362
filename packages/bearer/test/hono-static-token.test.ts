// The static-token comparison of the Hono entry: exactly list membership, whatever the hash, never a prefix match.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
});
