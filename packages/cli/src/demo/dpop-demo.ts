import { randomBytes, createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BearerAuthAuditEvent } from '@authheaders/bearer';
import { bearerAuth, type AuthenticatedRequest } from '@authheaders/bearer/node';
import { startDemoAuthorizationServer } from './demo-authorization-server';
import { followScriptedConsent } from './follow-scripted-consent';
import { loadDemoDependencies } from './load-demo-dependencies';

/** One exchange of the DPoP step, as the demo shows it. */
export interface DpopExchange {
  label: string;
  status: number;
  /** `WWW-Authenticate`, `DPoP-Nonce` and the body's subject, as far as the answer has them. */
  wwwAuthenticate: string | null;
  nonce: string | null;
  body: string;
}

const b64url = (bytes: Buffer | Uint8Array) => Buffer.from(bytes).toString('base64url');

/**
 * The DPoP step of the demo (RFC 9449), offline on 127.0.0.1: an authorization server with oidc-provider's DPoP
 * feature, a resource behind `bearerAuth({ dpop: { nonce: true } })`, and a client that registers, signs in
 * through the scripted consent, gets a token bound to its ES256 key with a DPoP proof, calls the resource (a nonce
 * round trip first), and then replays its last request and tries the token as Bearer. Returns every exchange.
 */
export async function runDpopDemo(): Promise<{ exchanges: DpopExchange[]; tokenType: string; jkt: string; audit: BearerAuthAuditEvent[] }> {
  const { jwtAccessTokenValidator } = await loadDemoDependencies();
  const { SignJWT, exportJWK, generateKeyPair, calculateJwkThumbprint } = await import('jose');
  const audit: BearerAuthAuditEvent[] = [];
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const resource = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp-dpop`;
  const as = await startDemoAuthorizationServer({ resource, dpop: true });
  const guard = bearerAuth({
    realm: 'mcp',
    dpop: { nonce: true, algs: ['ES256'] },
    onAudit: (event) => audit.push(event),
    validateToken: jwtAccessTokenValidator({ issuer: as.issuer, audience: resource, jwks: as.jwksUri, algorithms: ['ES256'] }),
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    guard(req, res, (error) => {
      res.writeHead(error === undefined ? 200 : 500, { 'content-type': 'application/json' });
      res.end(JSON.stringify(error === undefined ? { subject: (req as AuthenticatedRequest).auth.subject } : { error: 'server_error' }));
    });
  });
  try {
    // The client's key: every proof is signed with it, and the token is bound to its thumbprint.
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = await exportJWK(publicKey);
    const proof = (htm: string, htu: string, extra: Record<string, string> = {}) =>
      new SignJWT({ htm, htu, jti: b64url(randomBytes(16)), ...extra })
        .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk })
        .setIssuedAt()
        .sign(privateKey);

    const redirectUri = 'http://127.0.0.1/oauth/callback';
    const registered = await fetch(`${as.issuer}/reg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uris: [redirectUri], token_endpoint_auth_method: 'none', grant_types: ['authorization_code'], response_types: ['code'] }),
    });
    const { client_id: clientId } = (await registered.json()) as { client_id: string };
    const verifier = b64url(randomBytes(32));
    const authorize = new URL(`${as.issuer}/auth`);
    for (const [name, value] of Object.entries({
      client_id: clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'mcp:read',
      resource,
      code_challenge: b64url(createHash('sha256').update(verifier).digest()),
      code_challenge_method: 'S256',
    })) authorize.searchParams.set(name, value);
    const code = (await followScriptedConsent(authorize, redirectUri)).get('code') ?? '';
    const tokenUrl = `${as.issuer}/token`;
    const tokenResponse = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', dpop: await proof('POST', tokenUrl) },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier, client_id: clientId }),
    });
    const { access_token: token, token_type: tokenType } = (await tokenResponse.json()) as { access_token: string; token_type: string };
    const ath = b64url(createHash('sha256').update(token).digest());

    const exchanges: DpopExchange[] = [];
    const send = async (label: string, headers: Record<string, string>) => {
      const response = await fetch(resource, { method: 'POST', headers });
      const exchange = { label, status: response.status, wwwAuthenticate: response.headers.get('www-authenticate'), nonce: response.headers.get('dpop-nonce'), body: await response.text() };
      exchanges.push(exchange);
      return exchange;
    };
    const first = await send('DPoP token + proof, no nonce yet', { authorization: `DPoP ${token}`, dpop: await proof('POST', resource, { ath }) });
    const signed = { authorization: `DPoP ${token}`, dpop: await proof('POST', resource, { ath, nonce: first.nonce ?? '' }) };
    await send('the same with the nonce', signed);
    await send('that request again: a replayed proof', signed);
    await send('the token as Bearer, without the key', { authorization: `Bearer ${token}` });
    return { exchanges, tokenType, jkt: await calculateJwkThumbprint(jwk), audit };
  } finally {
    await new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
    await as.close();
  }
}
