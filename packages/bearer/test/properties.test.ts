import fc from 'fast-check';
import { parseChallenges, serializeChallenges, type Challenge } from '@authheaders/www-authenticate';
import { describe, expect, it } from 'vitest';
import { bearerChallenge, readBearerChallenge, resolveBearerToken, serializeBearerChallenge, type BearerChallengeOptions } from '../src/index';

// Fixed seed in CI so a failure reproduces; FC_NUM_RUNS and FC_SEED for a longer hunt on demand.
const runs = { seed: Number(process.env.FC_SEED ?? 20261124), numRuns: Number(process.env.FC_NUM_RUNS ?? 300) };

const printable = (min: number, max: number, exclude = '') =>
  fc.string({ unit: fc.integer({ min: min, max: max }).map((c) => String.fromCharCode(c)).filter((c) => !exclude.includes(c)), minLength: 1, maxLength: 16 });
// RFC 6750 §3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ); error and error_description = 1*( %x20-21 / %x23-5B / %x5D-7E )
const scopeToken = printable(0x21, 0x7e, '"\\');
const errorText = printable(0x20, 0x7e, '"\\').filter((s) => s.trim() !== '');
const realm = fc.string({ maxLength: 16 }).filter((s) => !/[\u0000-\u0008\u000a-\u001f\u007f]/.test(s));
const extensionName = fc.constantFrom('__proto__', 'constructor', 'x_trace', 'ext', 'toString', 'Tenant');
const b64token = fc
  .tuple(fc.string({ unit: fc.constantFrom(...'abcXYZ019-._~+/'), minLength: 1, maxLength: 20 }), fc.string({ unit: fc.constant('='), maxLength: 2 }))
  .map(([body, pad]) => `tok-${body}${pad}`); // a prefix no field name holds, so a leak is found by substring

const options: fc.Arbitrary<BearerChallengeOptions> = fc.record(
  {
    realm,
    scope: fc.array(scopeToken, { minLength: 1, maxLength: 4 }),
    error: fc.constantFrom('invalid_request', 'invalid_token', 'insufficient_scope'),
    errorDescription: errorText,
    resourceMetadata: fc.webUrl({ validSchemes: ['https'] }).filter((u) => !/[\s"\\]/.test(u)),
    acrValues: fc.array(scopeToken, { minLength: 1, maxLength: 3 }),
    maxAge: fc.nat({ max: 86_400 }),
    params: fc.dictionary(extensionName, errorText, { maxKeys: 3 }),
  },
  { requiredKeys: [] },
);

describe('bearer properties', () => {
  it('readBearerChallenge(serializeBearerChallenge(bearerChallenge(options))) gives every option back', () => {
    fc.assert(
      fc.property(options, (o) => {
        const header = serializeBearerChallenge(bearerChallenge(o));
        const read = readBearerChallenge(header)!;
        expect(read.diagnostics).toEqual([]);
        expect(read.realm).toBe(o.realm);
        expect(read.scope).toEqual(o.scope ?? []);
        expect(read.error).toBe(o.error);
        expect(read.errorDescription).toBe(o.errorDescription);
        expect(read.resourceMetadata?.href).toBe(o.resourceMetadata === undefined ? undefined : new URL(o.resourceMetadata as string).href);
        expect(read.acrValues).toEqual(o.acrValues ?? []);
        expect(read.maxAge).toBe(o.maxAge);
        for (const [name, value] of Object.entries(o.params ?? {})) expect(read.params[name.toLowerCase()]).toBe(value);
      }),
      runs,
    );
  });

  it('a proxy that re-serializes what readBearerChallenge read loses no parameter of any challenge', () => {
    const anyChallenge: fc.Arbitrary<Challenge> = fc
      .tuple(fc.constantFrom('Basic', 'Newauth', 'DPoP'), fc.dictionary(extensionName.map((n) => n.toLowerCase()), errorText, { maxKeys: 3 }))
      .map(([scheme, params]) => ({ scheme, params: Object.assign(Object.create(null) as Record<string, string>, params) }));
    fc.assert(
      fc.property(fc.array(anyChallenge, { maxLength: 2 }), options, fc.array(anyChallenge, { maxLength: 2 }), (before, o, after) => {
        const field = serializeChallenges([...before, bearerChallenge(o), ...after]);
        const read = readBearerChallenge(field)!;
        const reemitted = serializeChallenges(read.challenges);
        expect(parseChallenges(reemitted)).toEqual(parseChallenges(field));
        expect({ ...readBearerChallenge(reemitted)!.params }).toEqual({ ...read.params });
      }),
      runs,
    );
  });

  it('resolveBearerToken: Authorization wins, no token ever shows in the enumerable result, conflicts are named', () => {
    fc.assert(
      fc.property(
        fc.option(b64token, { nil: undefined }),
        fc.option(b64token, { nil: undefined }),
        fc.constantFrom<'prefer-authorization' | 'reject'>('prefer-authorization', 'reject'),
        (authorization, alias, onConflict) => {
          const headers: Record<string, string> = {};
          if (authorization !== undefined) headers.authorization = `Bearer ${authorization}`;
          if (alias !== undefined) headers['x-adcp-auth'] = alias;
          const result = resolveBearerToken(headers, { legacyHeaderAliases: ['x-adcp-auth'], onConflict });
          const shown = JSON.stringify(result);
          for (const token of [authorization, alias]) if (token !== undefined) expect(shown).not.toContain(token);
          if (authorization === undefined && alias === undefined) {
            expect(result).toMatchObject({ ok: false, reason: 'missing' });
          } else if (authorization === undefined) {
            expect(result).toMatchObject({ ok: true, source: 'x-adcp-auth' });
            if (result.ok) expect(result.token).toBe(alias);
          } else if (alias === undefined || alias === authorization) {
            expect(result).toMatchObject({ ok: true, source: 'authorization', conflicts: [] });
            if (result.ok) expect(result.token).toBe(authorization);
          } else if (onConflict === 'reject') {
            expect(result).toMatchObject({ ok: false, reason: 'conflict' });
          } else {
            expect(result).toMatchObject({ ok: true, source: 'authorization', conflicts: ['x-adcp-auth'] });
          }
        },
      ),
      runs,
    );
  });
});
