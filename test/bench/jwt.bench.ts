import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withBearerAuth } from '@authheaders/bearer/fetch';
import { jwtAccessTokenValidator } from '@authheaders/bearer/jwt';
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { compare } from './support/compare';

/**
 * Verifying one JWT access token per request with the key set cached (fetched once from a loopback `jwks_uri`),
 * next to jose's `jwtVerify` doing the bare signature and claim checks on the same token and the same cached set:
 * the difference is what the RFC 9068 checks and the error mapping cost. Plus the whole Fetch middleware around it.
 */
export async function run(): Promise<void> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
    const issuer = 'https://auth.example.com';
    const audience = 'https://api.example.com/mcp';
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ sub: 'alice', client_id: 'c1', scope: 'mcp:read mcp:write', jti: 'j1' })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(privateKey);

    const validate = jwtAccessTokenValidator({ issuer, audience, jwks: jwksUri, algorithms: ['ES256'] });
    const jwks = createRemoteJWKSet(new URL(jwksUri));
    const handler = withBearerAuth(async () => new Response(null, { status: 204 }), { realm: 'mcp', requiredScopes: ['mcp:read'], validateToken: validate });
    const request = new Request(audience, { headers: { authorization: `Bearer ${token}` } });
    // Fill both caches before timing: every measured verification uses the cached key set.
    await validate(token);
    await jwtVerify(token, jwks, { issuer, audience, algorithms: ['ES256'] });
    if ((await handler(request)).status !== 204) throw new Error('the middleware must accept the token');

    await compare(
      'verify one JWT access token (ES256, key set cached from a loopback jwks_uri)',
      { name: 'jwtAccessTokenValidator', fn: () => validate(token) },
      [
        { name: 'jose jwtVerify (same key set, fewer checks)', fn: () => jwtVerify(token, jwks, { issuer, audience, algorithms: ['ES256'] }) },
        { name: 'withBearerAuth + jwtAccessTokenValidator (whole request)', fn: () => handler(request) },
      ],
    );
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
