import { decodeBase64url, sha256Base64url } from './base64url';
import { canonicalJwk, THUMBPRINT_MEMBERS } from './jwk-thumbprint';

/**
 * Why a DPoP proof was refused, one code per check of RFC 9449 §4.3 (the audit event's `dpopFailure`):
 * - `missing_proof`, `multiple_proofs`: no `DPoP` header, or more than one (item 1);
 * - `malformed`: not a compact JWS of JSON objects, or a claim of the wrong type (items 2, 3);
 * - `wrong_type`: `typ` is not `dpop+jwt` (item 4);
 * - `algorithm_not_allowed`: `alg` is not one of `algs` (`none` and MACs never are) (item 5);
 * - `bad_key`: `jwk` missing, private, of another type than `alg`, or too small or large (items 6, 7);
 * - `bad_signature`: the signature does not verify with `jwk` (item 6);
 * - `unknown_critical_header`: a `crit` header names an extension (RFC 7515 §4.1.11);
 * - `wrong_method`, `wrong_uri`: `htm`, `htu` (items 8, 9);
 * - `stale`: `iat` outside the window (item 11); `replayed`: `jti` seen within it (item 12);
 * - `wrong_ath`: `ath` is not the hash of the token (item 12, §4.2).
 */
export type DpopProofFailure =
  | 'missing_proof'
  | 'multiple_proofs'
  | 'malformed'
  | 'wrong_type'
  | 'algorithm_not_allowed'
  | 'bad_key'
  | 'bad_signature'
  | 'unknown_critical_header'
  | 'wrong_method'
  | 'wrong_uri'
  | 'stale'
  | 'replayed'
  | 'wrong_ath';

/** A proof that passed the checks of its own: what the caller checks next (nonce, replay, binding). */
export interface CheckedDpopProof {
  /** The RFC 7638 thumbprint of the proof's key. */
  jkt: string;
  jti: string;
  /** The `nonce` claim, when present. */
  nonce: string | undefined;
  /** What the replay cache gets: base64url(SHA-256(the key's RFC 7638 input "." jti)), 43 characters. */
  replayKey: string;
}

/** How Web Crypto imports and verifies each algorithm, and the key type it needs. */
const ALGORITHMS: Readonly<Record<string, { kty: string; crv?: string; params: RsaHashedImportParams | EcKeyImportParams | Algorithm; verify: Algorithm | EcdsaParams | RsaPssParams }>> = {
  ES256: { kty: 'EC', crv: 'P-256', params: { name: 'ECDSA', namedCurve: 'P-256' }, verify: { name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams },
  ES384: { kty: 'EC', crv: 'P-384', params: { name: 'ECDSA', namedCurve: 'P-384' }, verify: { name: 'ECDSA', hash: 'SHA-384' } as EcdsaParams },
  ES512: { kty: 'EC', crv: 'P-521', params: { name: 'ECDSA', namedCurve: 'P-521' }, verify: { name: 'ECDSA', hash: 'SHA-512' } as EcdsaParams },
  RS256: { kty: 'RSA', params: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, verify: { name: 'RSASSA-PKCS1-v1_5' } },
  RS384: { kty: 'RSA', params: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' }, verify: { name: 'RSASSA-PKCS1-v1_5' } },
  RS512: { kty: 'RSA', params: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' }, verify: { name: 'RSASSA-PKCS1-v1_5' } },
  PS256: { kty: 'RSA', params: { name: 'RSA-PSS', hash: 'SHA-256' }, verify: { name: 'RSA-PSS', saltLength: 32 } as RsaPssParams },
  PS384: { kty: 'RSA', params: { name: 'RSA-PSS', hash: 'SHA-384' }, verify: { name: 'RSA-PSS', saltLength: 48 } as RsaPssParams },
  PS512: { kty: 'RSA', params: { name: 'RSA-PSS', hash: 'SHA-512' }, verify: { name: 'RSA-PSS', saltLength: 64 } as RsaPssParams },
  EdDSA: { kty: 'OKP', crv: 'Ed25519', params: { name: 'Ed25519' }, verify: { name: 'Ed25519' } },
  Ed25519: { kty: 'OKP', crv: 'Ed25519', params: { name: 'Ed25519' }, verify: { name: 'Ed25519' } },
};

/** Members that only a private or symmetric key has (RFC 7518 §6.2.2, §6.3.2, §6.4): a proof's key must be public. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** Imported keys by algorithm and RFC 7638 input, so a client's every request does not import its key again. */
const KEYS = new Map<string, CryptoKey>();
const MAX_KEYS = 256;

async function importPublicKey(alg: string, canonical: string, jwk: Record<string, string>, params: Algorithm): Promise<CryptoKey> {
  const id = `${alg} ${canonical}`;
  let key = KEYS.get(id);
  if (key === undefined) {
    key = await globalThis.crypto.subtle.importKey('jwk', { ...jwk, ext: true }, params, false, ['verify']);
    if (KEYS.size >= MAX_KEYS) KEYS.delete(KEYS.keys().next().value!);
    KEYS.set(id, key);
  }
  return key;
}

/** A proof is a few hundred bytes (an RSA key makes it about 1.5 KB); larger ones are not parsed. */
export const MAX_PROOF_LENGTH = 8192;
/** RSA moduli from 2048 to 8192 bits (RFC 7518 §3.3): smaller is weak, larger costs an attacker nothing to send. */
const RSA_MODULUS_BYTES = [256, 1024];
/** How far in the future a proof's `iat` may be, for clocks a little ahead. */
export const FUTURE_SKEW_SEC = 5;

function jsonObject(part: string): Record<string, unknown> | undefined {
  const bytes = decodeBase64url(part);
  if (bytes === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** `value` as a string of 1 to `max` characters, or undefined. */
function text(value: unknown, max = 1024): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;
}

/**
 * `url` as `htu` is compared (RFC 9449 §4.3 item 9): without query and fragment, after the syntax- and
 * scheme-based normalization of the WHATWG URL parser (RFC 3986 §6.2.2, §6.2.3: case of scheme and host, default
 * port, dot segments). Undefined when it is no absolute http(s) URL.
 */
export function comparableUri(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  parsed.search = '';
  parsed.hash = '';
  return parsed.href;
}

/** What a proof is checked against. */
export interface DpopProofContext {
  /** The request's method. */
  method: string;
  /** The request's URI without query and fragment, normalized as `htu` is (RFC 9449 §4.3 item 9). */
  uri: string;
  /** The access token the request carries: `ath` must be its hash. */
  token: string;
  algs: readonly string[];
  maxAgeSec: number;
  /** Now, in seconds since the epoch. */
  now: number;
}

/**
 * Checks a DPoP proof JWT (RFC 9449 §4.3 items 2 to 11 and the `ath` of §4.2): everything but the nonce and the
 * replay of `jti`, which need the stores. Never throws for any input; nothing of the proof reaches the result but
 * its key's thumbprint, `jti` and `nonce`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-4.3 RFC 9449 §4.3
 */
export async function checkDpopProof(proof: string, context: DpopProofContext): Promise<CheckedDpopProof | DpopProofFailure> {
  if (proof.length > MAX_PROOF_LENGTH) return 'malformed';
  const parts = proof.split('.');
  if (parts.length !== 3) return 'malformed';
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = jsonObject(headerPart);
  const claims = jsonObject(payloadPart);
  const signature = decodeBase64url(signaturePart);
  if (header === undefined || claims === undefined || signature === undefined) return 'malformed';
  if (header.typ !== 'dpop+jwt') return 'wrong_type';
  const alg = typeof header.alg === 'string' && Object.hasOwn(ALGORITHMS, header.alg) ? header.alg : undefined;
  if (alg === undefined || !context.algs.includes(alg)) return 'algorithm_not_allowed';
  if (header.crit !== undefined) return 'unknown_critical_header';
  const { kty, crv, params, verify } = ALGORITHMS[alg]!;
  const jwk = header.jwk as Record<string, unknown> | undefined;
  if (jwk === null || typeof jwk !== 'object' || Array.isArray(jwk) || jwk.kty !== kty || (crv !== undefined && jwk.crv !== crv)) return 'bad_key';
  if (PRIVATE_MEMBERS.some((member) => Object.hasOwn(jwk, member))) return 'bad_key';
  const publicJwk: Record<string, string> = Object.create(null);
  for (const member of THUMBPRINT_MEMBERS[kty]!) {
    const value = text(jwk[member], 2048);
    if (value === undefined) return 'bad_key';
    publicJwk[member] = value;
  }
  if (kty === 'RSA') {
    const modulus = decodeBase64url(publicJwk.n!)?.length ?? 0;
    if (modulus < RSA_MODULUS_BYTES[0]! || modulus > RSA_MODULUS_BYTES[1]!) return 'bad_key';
  }
  const canonical = canonicalJwk(publicJwk);
  let key: CryptoKey;
  try {
    key = await importPublicKey(alg, canonical, publicJwk, params);
  } catch {
    // A key Web Crypto will not import (a point off the curve, a bad exponent) proves nothing.
    return 'bad_key';
  }
  const jti = text(claims.jti, 512);
  // The four operations run at once: Web Crypto answers each on a worker thread, one round trip in all.
  const [verified, ath, jkt, replay] = await Promise.all([
    globalThis.crypto.subtle.verify(verify, key, signature, new TextEncoder().encode(`${headerPart}.${payloadPart}`)).catch(() => false),
    sha256Base64url(context.token),
    sha256Base64url(canonical),
    sha256Base64url(`${canonical}.${jti}`),
  ]);
  if (!verified) return 'bad_signature';

  const { htm, htu, iat, nonce } = claims;
  if (jti === undefined || typeof htm !== 'string' || typeof htu !== 'string' || typeof iat !== 'number' || typeof claims.ath !== 'string') return 'malformed';
  if (nonce !== undefined && text(nonce) === undefined) return 'malformed';
  if (htm !== context.method) return 'wrong_method';
  if (comparableUri(htu) !== context.uri) return 'wrong_uri';
  if (!(iat >= context.now - context.maxAgeSec && iat <= context.now + FUTURE_SKEW_SEC)) return 'stale';
  if (claims.ath !== ath) return 'wrong_ath';
  return { jkt, jti, nonce: nonce as string | undefined, replayKey: replay };
}
