// RFC 9449 §4.3: one valid proof and a mutation for each check, each refused with its own answer, through the Fetch
// middleware (the engine every entry shares). Proofs are built by test/support/dpop-proof-maker.ts with Web Crypto,
// independently of the verifier.
import { randomBytes } from 'node:crypto';
import { parseChallenges } from '@authheaders/www-authenticate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BearerAuthAuditEvent, BearerAuthOptions } from '../src/index';
import { withBearerAuth } from '../src/fetch/index';
import { memoryNonceStore } from '../src/dpop/index';
import { mutations } from './support/dpop-mutations';
import { proofKey, proofParts, signProof, thumbprint, validProof, type ProofKey } from './support/dpop-proof-maker';

const URL_ = 'http://127.0.0.1:8080/mcp';
const random = () => randomBytes(18).toString('base64url');

let key: ProofKey;
let otherKey: ProofKey;
const boundToken = `bound-${random()}`;
const plainToken = `plain-${random()}`;
let jkt: string;

beforeAll(async () => {
  key = await proofKey('ES256');
  otherKey = await proofKey('ES256');
  jkt = await thumbprint(key.publicJwk);
});

function middleware(dpop: BearerAuthOptions['dpop'] = { algs: ['ES256', 'RS256', 'EdDSA'] }) {
  const events: BearerAuthAuditEvent[] = [];
  const handler = withBearerAuth(async (_request, auth) => Response.json({ subject: auth.subject }), {
    realm: 'mcp',
    dpop,
    onAudit: (event) => void events.push(event),
    validateToken: (token) => (token === boundToken ? { subject: 'alice', cnf: { jkt } } : token === plainToken ? { subject: 'bob' } : null),
  });
  return { handler, events };
}

type Send = { authorization?: string; proofs?: string[]; method?: string; url?: string };
async function send(handler: (r: Request) => Promise<Response>, { authorization = `DPoP ${boundToken}`, proofs = [], method = 'GET', url = URL_ }: Send) {
  const headers = new Headers({ authorization });
  for (const proof of proofs) headers.append('dpop', proof);
  return handler(new Request(url, { method, headers }));
}

/** Waits for the fire-and-forget audit event. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('DPoP proof checks (RFC 9449 §4.3): one valid proof, each mutation refused with its own reason', () => {
  it('accepts the valid proof, a query and a fragment in htu, and says the token was bound', async () => {
    const { handler, events } = middleware();
    for (const htu of [URL_, `${URL_}?a=1#f`, 'HTTP://127.0.0.1:8080/mcp']) {
      const response = await send(handler, { proofs: [await validProof(key, 'GET', htu, boundToken)], url: `${URL_}?q=2` });
      expect(response.status).toBe(200);
    }
    await settle();
    expect(events.at(-1)).toEqual({ outcome: 'authenticated', source: 'authorization', aliasUsed: false, conflicts: [], scheme: 'DPoP', bound: true });
  });

  it.each(mutations(() => key, () => otherKey, URL_))('%s: 401 invalid_dpop_proof (%s)', async (_name, change, failure) => {
    const { handler, events } = middleware();
    const parts = await proofParts(key, 'GET', URL_, boundToken);
    await change(parts);
    const proof = await signProof(key, parts);
    const response = await send(handler, { proofs: [proof] });
    expect(response.status).toBe(401);
    const [dpop, bearer] = parseChallenges(response.headers.get('www-authenticate')!);
    expect(dpop).toMatchObject({ scheme: 'DPoP', params: { realm: 'mcp', error: 'invalid_dpop_proof', algs: 'ES256 RS256 EdDSA' } });
    expect(bearer).toMatchObject({ scheme: 'Bearer', params: { realm: 'mcp' } });
    expect(bearer!.params.error).toBeUndefined();
    await settle();
    expect(events).toEqual([expect.objectContaining({ outcome: 'invalid_dpop_proof', scheme: 'DPoP', dpopFailure: failure })]);
    const text = `${[...response.headers].join()} ${await response.text()} ${JSON.stringify(events)}`;
    expect(text).not.toContain(boundToken);
    expect(text).not.toContain(proof.split('.')[1]);
    if (parts.claims.jti) expect(text).not.toContain(String(parts.claims.jti));
  });

  it('refuses a replayed proof, a missing proof, two proofs, garbage, an oversized proof and a weak RSA key', async () => {
    const { handler, events } = middleware();
    const proof = await validProof(key, 'GET', URL_, boundToken);
    expect((await send(handler, { proofs: [proof] })).status).toBe(200);
    const weak = await proofKey('RS256_1024');
    const cases: [Send, string][] = [
      [{ proofs: [proof] }, 'replayed'],
      [{ proofs: [] }, 'missing_proof'],
      [{ proofs: [await validProof(key, 'GET', URL_, boundToken), await validProof(key, 'GET', URL_, boundToken)] }, 'multiple_proofs'],
      [{ proofs: ['not.a.jwt'] }, 'malformed'],
      [{ proofs: [`${proof.slice(0, -4)}AAAA`] }, 'bad_signature'],
      [{ proofs: [`${'a'.repeat(9000)}.b.c`] }, 'malformed'],
      [{ proofs: [await validProof(weak, 'GET', URL_, boundToken)] }, 'bad_key'],
    ];
    for (const [request, failure] of cases) {
      const response = await send(handler, request);
      expect(response.status, failure).toBe(401);
      await settle();
      expect(events.at(-1), failure).toMatchObject({ outcome: 'invalid_dpop_proof', dpopFailure: failure });
    }
  });

  it('accepts RS256, PS256 and EdDSA proofs', async () => {
    const { handler } = middleware({ algs: ['RS256', 'PS256', 'EdDSA'] });
    for (const kind of ['RS256', 'PS256', 'EdDSA']) {
      const k = await proofKey(kind);
      const token = `bound-${random()}`;
      const validate = withBearerAuth(async () => new Response('ok'), {
        dpop: { algs: [kind] },
        validateToken: async (t) => (t === token ? { cnf: { jkt: await thumbprint(k.publicJwk) } } : null),
      });
      const response = await send(validate, { authorization: `DPoP ${token}`, proofs: [await validProof(k, 'GET', URL_, token)] });
      expect(response.status, kind).toBe(200);
    }
    expect(handler).toBeTypeOf('function');
  });
});

describe('DPoP binding (RFC 9449 §6, §7.2) and the answers of §7.1', () => {
  it('refuses a proof from another key than cnf.jkt, an unbound token as DPoP, a bound token as Bearer', async () => {
    const { handler, events } = middleware();
    const wrongKey = await send(handler, { proofs: [await validProof(otherKey, 'GET', URL_, boundToken)] });
    const unbound = await send(handler, { authorization: `DPoP ${plainToken}`, proofs: [await validProof(key, 'GET', URL_, plainToken)] });
    const downgrade = await send(handler, { authorization: `Bearer ${boundToken}` });
    for (const [response, scheme] of [[wrongKey, 'DPoP'], [unbound, 'DPoP'], [downgrade, 'Bearer']] as const) {
      expect(response.status).toBe(401);
      const challenges = parseChallenges(response.headers.get('www-authenticate')!);
      expect(challenges.find((c) => c.scheme === scheme)!.params.error).toBe('invalid_token');
    }
    await settle();
    expect(events.map((e) => [e.outcome, e.scheme, e.bound])).toEqual([
      ['invalid_token', 'DPoP', true],
      ['invalid_token', 'DPoP', false],
      ['invalid_token', 'Bearer', true],
    ]);
  });

  it('still accepts an unbound token as Bearer, unless DPoP is required', async () => {
    const open = middleware();
    expect((await send(open.handler, { authorization: `Bearer ${plainToken}` })).status).toBe(200);
    await settle();
    expect(open.events).toEqual([expect.objectContaining({ outcome: 'authenticated', scheme: 'Bearer', bound: false })]);
    const required = middleware({ required: true });
    const refused = await send(required.handler, { authorization: `Bearer ${plainToken}` });
    expect(refused.status).toBe(401);
    // Bearer is not accepted: no Bearer challenge, the error on DPoP's.
    expect(parseChallenges(refused.headers.get('www-authenticate')!).map((c) => [c.scheme, c.params.error])).toEqual([['DPoP', 'invalid_token']]);
  });

  it('answers a request without credentials with both challenges, neither with an error', async () => {
    const { handler } = middleware();
    const response = await handler(new Request(URL_));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('DPoP realm="mcp", algs="ES256 RS256 EdDSA", Bearer realm="mcp"');
  });

  it('never takes a DPoP token from inside another scheme or after one on the same line (RFC 9110 §11.4, §11.6.2)', async () => {
    // The rule of the Bearer resolver holds for DPoP too: each Authorization line is exactly one credentials.
    const { handler } = middleware();
    for (const authorization of [
      `Digest username="x, DPoP ${boundToken}, y"`,
      `Basic Zm9vOmJhcg==, DPoP ${boundToken}`,
      `DPoP ${boundToken}, x="evil`,
    ]) {
      const response = await send(handler, { authorization, proofs: [await validProof(key, 'GET', URL_, boundToken)] });
      expect([400, 401], authorization).toContain(response.status);
      expect(await response.text()).not.toContain('alice');
    }
  });

  it('answers 400 invalid_request when a request uses DPoP and Bearer together', async () => {
    const { handler, events } = middleware();
    const headers = new Headers({ dpop: await validProof(key, 'GET', URL_, boundToken) });
    headers.append('authorization', `DPoP ${boundToken}`);
    headers.append('authorization', `Bearer ${plainToken}`);
    const response = await handler(new Request(URL_, { headers }));
    expect(response.status).toBe(400);
    expect(parseChallenges(response.headers.get('www-authenticate')!)[0]!.params.error).toBe('invalid_request');
    await settle();
    expect(events).toEqual([expect.objectContaining({ outcome: 'conflict', scheme: 'DPoP' })]);
  });
});

describe('DPoP nonces (RFC 9449 §8, §9)', () => {
  it('asks for a nonce with use_dpop_nonce and a fresh DPoP-Nonce, accepts it, refuses a stale one', async () => {
    const nonceStore = memoryNonceStore();
    const { handler } = middleware({ nonce: { ttlSec: 60 }, nonceStore });
    const first = await send(handler, { proofs: [await validProof(key, 'GET', URL_, boundToken)] });
    expect(first.status).toBe(401);
    expect(parseChallenges(first.headers.get('www-authenticate')!)[0]!.params.error).toBe('use_dpop_nonce');
    const nonce = first.headers.get('dpop-nonce')!;
    expect(nonce).toMatch(/^[\w-]{22}$/);
    expect(first.headers.get('access-control-expose-headers')).toBe('WWW-Authenticate, DPoP-Nonce');
    const second = await send(handler, { proofs: [await validProof(key, 'GET', URL_, boundToken, { nonce })] });
    expect(second.status).toBe(200);
    expect(second.headers.get('dpop-nonce')).toBeNull(); // not about to expire
    const stale = await send(handler, { proofs: [await validProof(key, 'GET', URL_, boundToken, { nonce: 'not-issued-here' })] });
    expect(stale.status).toBe(401);
    expect(stale.headers.get('dpop-nonce')).not.toBe(nonce);
  });

  it('sends a fresh nonce with a success when the one used is about to expire', async () => {
    const nonceStore = { issue: () => 'fresh-nonce', expiresAt: () => Date.now() + 1000 };
    const { handler } = middleware({ nonce: { ttlSec: 60 }, nonceStore });
    const response = await send(handler, { proofs: [await validProof(key, 'GET', URL_, boundToken, { nonce: 'old-nonce' })] });
    expect(response.status).toBe(200);
    expect(response.headers.get('dpop-nonce')).toBe('fresh-nonce');
  });
});

function down(): boolean {
  throw new Error('down');
}

const FAILING_REPLAY_CACHES: Record<string, () => unknown> = {
  throws: down,
  rejects: () => Promise.reject(new Error('down')),
  hangs: () => new Promise(() => {}),
  'answers a non-boolean': () => 'yes',
};
const FAILING_NONCE_STORES: Record<string, () => unknown> = {
  throws: down,
  'issues a nonce that would break the header': () => 'a\r\nb',
};

describe('DPoP stores that fail', () => {
  it.each(Object.keys(FAILING_REPLAY_CACHES))('a replay cache that %s: 503 with Retry-After, store_unavailable, never an accept', async (name) => {
    const checkAndStore = FAILING_REPLAY_CACHES[name]!;
    const events: BearerAuthAuditEvent[] = [];
    const handler = withBearerAuth(async () => new Response('ok'), {
      dpop: { replayCache: { checkAndStore: checkAndStore as () => boolean } },
      validateTokenTimeoutMs: 200,
      onAudit: (event) => void events.push(event),
      validateToken: (token) => (token === boundToken ? { cnf: { jkt } } : null),
    });
    const response = await send(handler, { proofs: [await validProof(key, 'GET', URL_, boundToken)] });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    await settle();
    expect(events).toEqual([expect.objectContaining({ outcome: 'store_unavailable', scheme: 'DPoP' })]);
  });

  it.each(Object.keys(FAILING_NONCE_STORES))('a nonce store that %s: 503', async (name) => {
    const issue = FAILING_NONCE_STORES[name]!;
    const { handler } = middleware({ nonce: true, nonceStore: { issue: issue as () => string, expiresAt: () => undefined } });
    const response = await send(handler, { proofs: [await validProof(key, 'GET', URL_, boundToken)] });
    expect(response.status).toBe(503);
    expect(response.headers.get('dpop-nonce')).toBeNull();
  });
});
