// The table of RFC 9449 §4.3 mutations, shared by our checks test and the side-by-side test against a peer.
import { proofKey, type ProofKey, type ProofParts } from './dpop-proof-maker';

export type Mutation = [name: string, change: (parts: ProofParts) => void | Promise<void>, failure: string];

/**
 * One mutation of a valid proof per check of RFC 9449 §4.3, with the reason our verifier gives for it. `key()` is
 * the proof's key, `otherKey()` another one, `url` the request's URL.
 */
export function mutations(key: () => ProofKey, otherKey: () => ProofKey, url: string): Mutation[] {
  const now = () => Math.floor(Date.now() / 1000);
  const at = (change: (u: URL) => void) => {
    const u = new URL(url);
    change(u);
    return u.href;
  };
  return [
  ['typ missing', (p) => void delete p.header.typ, 'wrong_type'],
  ['typ JWT', (p) => void (p.header.typ = 'JWT'), 'wrong_type'],
  ['typ at+jwt (an access token as proof)', (p) => void (p.header.typ = 'at+jwt'), 'wrong_type'],
  ['alg none, no signature', (p) => void ((p.header.alg = 'none'), (p.signer = 'none')), 'algorithm_not_allowed'],
  ['alg HS256, an HMAC', (p) => void ((p.header.alg = 'HS256'), (p.signer = 'hmac')), 'algorithm_not_allowed'],
  ['alg ES384, not in algs', async (p) => {
    const k = await proofKey('ES384');
    Object.assign(p, { header: { ...p.header, alg: 'ES384', jwk: k.publicJwk }, signer: k });
  }, 'algorithm_not_allowed'],
  ['alg RS256 over an EC key', (p) => void (p.header.alg = 'RS256'), 'bad_key'],
  ['jwk missing', (p) => void delete p.header.jwk, 'bad_key'],
  ['jwk with its private member d', (p) => void (p.header.jwk = key().privateJwk), 'bad_key'],
  ['jwk symmetric (kty oct)', (p) => void (p.header.jwk = { kty: 'oct', k: 'c2VjcmV0' }), 'bad_key'],
  ['jwk on another curve', (p) => void (p.header.jwk = { ...key().publicJwk, crv: 'P-384' }), 'bad_key'],
  ['signed by another key than jwk', (p) => void (p.signer = otherKey()), 'bad_signature'],
  ['crit header', (p) => void (p.header.crit = ['exp']), 'unknown_critical_header'],
  ['htm POST for a GET', (p) => void (p.claims.htm = 'POST'), 'wrong_method'],
  ['htm lower-case get', (p) => void (p.claims.htm = 'get'), 'wrong_method'],
  ['htm missing', (p) => void delete p.claims.htm, 'malformed'],
  ['htu on another port', (p) => void (p.claims.htu = at((u) => void (u.port = String(Number(u.port) + 1)))), 'wrong_uri'],
  ['htu with a trailing slash', (p) => void (p.claims.htu = `${url}/`), 'wrong_uri'],
  ['htu on another host', (p) => void (p.claims.htu = at((u) => void (u.hostname = 'localhost'))), 'wrong_uri'],
  ['htu with https', (p) => void (p.claims.htu = at((u) => void (u.protocol = 'https:'))), 'wrong_uri'],
  ['htu of another path', (p) => void (p.claims.htu = at((u) => void (u.pathname = '/admin'))), 'wrong_uri'],
  ['htu missing', (p) => void delete p.claims.htu, 'malformed'],
  ['iat 5 minutes old', (p) => void (p.claims.iat = now() - 300), 'stale'],
  ['iat a minute ahead', (p) => void (p.claims.iat = now() + 60), 'stale'],
  ['iat a string', (p) => void (p.claims.iat = String(now())), 'malformed'],
  ['jti missing', (p) => void delete p.claims.jti, 'malformed'],
  ['jti empty', (p) => void (p.claims.jti = ''), 'malformed'],
  ['ath of another token', (p) => void (p.claims.ath = 'hT6tF0kCqFP5v8pUBpuOqN6ZEjDqoWhvJ2ddgaoxNo8'), 'wrong_ath'],
  ['ath missing', (p) => void delete p.claims.ath, 'malformed'],
  ];
}
