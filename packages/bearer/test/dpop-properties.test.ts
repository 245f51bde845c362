// Property: a DPoP proof with any single field changed (re-signed with its key, so the signature still holds), or
// with one byte of its signature changed, is refused. Changes the RFC gives the same meaning (an htu that
// normalizes to the same URI, another iat inside the window, another jti) are left out: they are other valid proofs.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseChallenges, serializeChallenges } from '@authheaders/www-authenticate';
import { bearerChallenge, dpopChallenge, readBearerChallenge, serializeBearerChallenge } from '../src/index';
import { checkDpopProof, DPOP_ALGORITHMS } from '../src/dpop/index';
import { comparableUri } from '../src/dpop/verify-dpop-proof';
import { proofKey, proofParts, signProof, type ProofKey } from './support/dpop-proof-maker';

// Fixed seed in CI so a failure reproduces; FC_NUM_RUNS and FC_SEED for a longer hunt on demand.
const runs = { seed: Number(process.env.FC_SEED ?? 20261206), numRuns: Number(process.env.FC_NUM_RUNS ?? 200) };

const URI = 'http://127.0.0.1:8080/mcp';
const TOKEN = `token-${Math.random().toString(36).slice(2)}`;
let key: ProofKey;
beforeAll(async () => {
  key = await proofKey('ES256');
});

const context = (now: number) => ({ method: 'GET', uri: comparableUri(URI)!, token: TOKEN, algs: ['ES256', 'RS256'], maxAgeSec: 60, now });

const FIELDS = ['header.typ', 'header.alg', 'header.jwk', 'jwk.kty', 'jwk.crv', 'jwk.x', 'jwk.y', 'claims.htm', 'claims.htu', 'claims.iat', 'claims.ath', 'claims.jti'] as const;
const REMOVED = Symbol('removed');
const value = fc.oneof(
  fc.constant<unknown>(REMOVED),
  fc.jsonValue(),
  fc.constantFrom<unknown>('', 'GET', 'none', 'HS256', 'dpop+jwt', 'JWT', `${URI}/`, 'http://127.0.0.1:8081/mcp', '__proto__', { __proto__: null }, 0, -1, 1e308),
  fc.webUrl(),
  fc.integer({ min: -2e9, max: 4e9 }),
);

/** True when the change leaves a proof the RFC reads the same, or another valid one. */
function sameMeaning(field: string, original: unknown, changed: unknown, now: number): boolean {
  if (field === 'claims.htu') return typeof changed === 'string' && comparableUri(changed) === comparableUri(String(original));
  if (field === 'claims.iat') return typeof changed === 'number' && changed >= now - 60 && changed <= now + 5;
  if (field === 'claims.jti') return typeof changed === 'string' && changed.length > 0 && changed.length <= 512;
  return JSON.stringify(changed) === JSON.stringify(original);
}

describe('DPoP proof property', () => {
  it('any single-field change of a valid proof, re-signed, is refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    const valid = await proofParts(key, 'GET', URI, TOKEN);
    valid.claims.iat = now;
    await expect(checkDpopProof(await signProof(key, valid), context(now))).resolves.toMatchObject({ jti: valid.claims.jti });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FIELDS), value, async (field, changed) => {
        const parts = structuredClone(valid);
        const [where, name] = field.split('.') as [string, string];
        const target = (where === 'jwk' ? (parts.header.jwk as Record<string, unknown>) : parts[where as 'header' | 'claims']) as Record<string, unknown>;
        const original = target[name];
        fc.pre(!sameMeaning(field, original, changed === REMOVED ? undefined : changed, now));
        if (changed === REMOVED) delete target[name];
        else target[name] = changed;
        const verdict = await checkDpopProof(await signProof(key, parts), context(now));
        expect(typeof verdict).toBe('string');
      }),
      runs,
    );
  });

  it('a valid proof with any byte of its signature changed is refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    const parts = await proofParts(key, 'GET', URI, TOKEN);
    parts.claims.iat = now;
    const [header, claims, signature] = (await signProof(key, parts)).split('.') as [string, string, string];
    const bytes = Buffer.from(signature, 'base64url');
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), async (index, flip) => {
        const changed = Buffer.from(bytes);
        changed[index]! ^= flip;
        await expect(checkDpopProof(`${header}.${claims}.${changed.toString('base64url')}`, context(now))).resolves.toBe('bad_signature');
      }),
      runs,
    );
  });
});

describe('DPoP and Bearer challenges in one field', () => {
  // RFC 6750 §3: error_description = 1*( %x20-21 / %x23-5B / %x5D-7E ); scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
  const text = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)).filter((c) => c !== '"' && c !== '\\'), minLength: 1, maxLength: 12 }).filter((t) => t.trim() !== '');
  const scopeToken = text.filter((t) => !t.includes(' '));
  const side = fc.record(
    {
      realm: text,
      error: fc.constantFrom('invalid_token', 'invalid_dpop_proof', 'use_dpop_nonce', 'insufficient_scope'),
      errorDescription: text,
      scope: fc.array(scopeToken, { minLength: 1, maxLength: 3 }),
      resourceMetadata: fc.constantFrom('https://api.example.com/.well-known/oauth-protected-resource', 'http://127.0.0.1:8080/.well-known/oauth-protected-resource/mcp'),
    },
    { requiredKeys: [] },
  );

  it('read back exactly with readBearerChallenge, each scheme, and written back as they were', () => {
    fc.assert(
      fc.property(side, side, fc.subarray([...DPOP_ALGORITHMS], { minLength: 1 }), fc.boolean(), (dpopSide, bearerSide, algs, dpopFirst) => {
        const challenges = [dpopChallenge({ ...dpopSide, algs }), bearerChallenge(bearerSide)];
        const header = serializeBearerChallenge(dpopFirst ? challenges : challenges.reverse());
        const dpop = readBearerChallenge(header, { scheme: 'DPoP' })!;
        const bearer = readBearerChallenge(header)!;
        expect(dpop.algs).toEqual(algs);
        expect(dpop.error).toBe(dpopSide.error);
        expect(dpop.scope).toEqual(dpopSide.scope ?? []);
        expect({ ...bearer.params }).toEqual({ ...bearerChallenge(bearerSide).params });
        expect({ ...dpop.params }).toEqual({ ...dpopChallenge({ ...dpopSide, algs }).params });
        expect(serializeChallenges(parseChallenges(header), { quote: 'always' })).toBe(header);
      }),
      runs,
    );
  });
});
