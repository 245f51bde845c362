// Signs DPoP proofs for the tests with Web Crypto, with full control over every header member, claim and the
// signature, so a test can build what no honest client would (alg none, an HMAC, a private jwk, a foreign key).
import { webcrypto } from 'node:crypto';

const subtle = webcrypto.subtle as SubtleCrypto;

export const b64url = (bytes: ArrayBuffer | Uint8Array): string => Buffer.from(bytes as ArrayBuffer).toString('base64url');
const json = (value: unknown): string => b64url(new TextEncoder().encode(JSON.stringify(value)));

export interface ProofKey {
  alg: string;
  privateKey: CryptoKey;
  publicJwk: Record<string, string>;
  privateJwk: Record<string, string>;
}

const PARAMS: Record<string, [EcKeyGenParams | RsaHashedKeyGenParams | Algorithm, Algorithm | EcdsaParams | RsaPssParams]> = {
  ES256: [{ name: 'ECDSA', namedCurve: 'P-256' } as EcKeyGenParams, { name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams],
  ES384: [{ name: 'ECDSA', namedCurve: 'P-384' } as EcKeyGenParams, { name: 'ECDSA', hash: 'SHA-384' } as EcdsaParams],
  RS256: [
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' } as RsaHashedKeyGenParams,
    { name: 'RSASSA-PKCS1-v1_5' },
  ],
  RS256_1024: [
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' } as RsaHashedKeyGenParams,
    { name: 'RSASSA-PKCS1-v1_5' },
  ],
  PS256: [
    { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' } as RsaHashedKeyGenParams,
    { name: 'RSA-PSS', saltLength: 32 } as RsaPssParams,
  ],
  EdDSA: [{ name: 'Ed25519' }, { name: 'Ed25519' }],
};

export async function proofKey(kind = 'ES256'): Promise<ProofKey> {
  const [generate] = PARAMS[kind]!;
  const pair = (await subtle.generateKey(generate as EcKeyGenParams, true, ['sign', 'verify'])) as CryptoKeyPair;
  const privateJwk = (await subtle.exportKey('jwk', pair.privateKey)) as Record<string, string>;
  const publicJwk = (await subtle.exportKey('jwk', pair.publicKey)) as Record<string, string>;
  for (const jwk of [privateJwk, publicJwk]) {
    delete jwk.key_ops;
    delete jwk.ext;
    delete jwk.alg;
  }
  return { alg: kind.split('_')[0]!, privateKey: pair.privateKey, publicJwk, privateJwk };
}

/** RFC 7638 thumbprint, written independently of the package's. */
export async function thumbprint(jwk: Record<string, string>): Promise<string> {
  const members = jwk.kty === 'EC' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : jwk.kty === 'RSA' ? { e: jwk.e, kty: jwk.kty, n: jwk.n } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x };
  return b64url(await subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(members))));
}

export async function ath(token: string): Promise<string> {
  return b64url(await subtle.digest('SHA-256', new TextEncoder().encode(token)));
}

export interface ProofParts {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** Sign with this key instead of the header's (default: `key`). `'none'` leaves the signature empty; `'hmac'` MACs it. */
  signer?: ProofKey | 'none' | 'hmac';
}

/** Signs `header.claims` with the signer; nothing is checked. */
export async function signProof(key: ProofKey, { header, claims, signer = key }: ProofParts): Promise<string> {
  const input = `${json(header)}.${json(claims)}`;
  const data = new TextEncoder().encode(input);
  if (signer === 'none') return `${input}.`;
  if (signer === 'hmac') {
    const secret = await subtle.importKey('raw', new TextEncoder().encode('a shared secret of the test'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return `${input}.${b64url(await subtle.sign('HMAC', secret, data))}`;
  }
  const kind = Object.keys(PARAMS).find((name) => name.split('_')[0] === signer.alg)!;
  return `${input}.${b64url(await subtle.sign(PARAMS[kind]![1] as EcdsaParams, signer.privateKey, data))}`;
}

/** A valid proof's parts for `method` `url` carrying `token`; the caller changes what it wants and signs. */
export async function proofParts(key: ProofKey, method: string, url: string, token: string, extra: Record<string, unknown> = {}): Promise<ProofParts> {
  return {
    header: { typ: 'dpop+jwt', alg: key.alg, jwk: key.publicJwk },
    claims: { jti: b64url(webcrypto.getRandomValues(new Uint8Array(12))), htm: method, htu: url, iat: Math.floor(Date.now() / 1000), ath: await ath(token), ...extra },
  };
}

export async function validProof(key: ProofKey, method: string, url: string, token: string, extra: Record<string, unknown> = {}): Promise<string> {
  return signProof(key, await proofParts(key, method, url, token, extra));
}
