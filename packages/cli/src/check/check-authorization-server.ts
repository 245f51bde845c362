import { randomBytes } from 'node:crypto';
import { parseJsonObject } from './bounded-json';
import type { CheckContext } from './check-context';
import { checkMetadataContentType } from './check-resource-metadata';
import { AUTHORIZATION_SERVER_METADATA_RULES, secureEndpoint } from './authorization-server-rules';
import { authorizationServerMetadataUrls } from './well-known-urls';

/**
 * Redirect URIs no authorization server should register, one registration each (a server that refuses one of them
 * refuses the whole request, which would hide that it accepts another): plain http off loopback (RFC 9700 §4.1,
 * RFC 8252 §8.3), script (`javascript:`) and inline documents (`data:`) (RFC 7591 §5), and a fragment (RFC 6749
 * §3.1.2). The host is `.invalid`, which never resolves (RFC 6761 §6.4).
 */
export const DANGEROUS_REDIRECT_URIS: readonly string[] = [
  'http://attacker.invalid/callback',
  'javascript:alert(document.domain)//',
  'data:text/html,<script>alert(document.domain)</script>',
  'https://attacker.invalid/callback#fragment',
];

/**
 * Step 3: the first authorization server's metadata (RFC 8414 §3, then OpenID Connect Discovery), and what a client
 * needs of it to run the authorization-code flow with PKCE. Rules: AUTHORIZATION_SERVER_METADATA_MISSING / _INVALID,
 * METADATA_CONTENT_TYPE_INVALID, ISSUER_INVALID, ISSUER_MISMATCH, AUTHORIZATION_ENDPOINT_MISSING,
 * TOKEN_ENDPOINT_MISSING, RESPONSE_TYPE_CODE_MISSING, ENDPOINT_NOT_HTTPS, PKCE_S256_NOT_ADVERTISED,
 * PROTECTED_RESOURCES_MISMATCH, CLIENT_REGISTRATION_UNAVAILABLE, then JWKS_*, TOKEN_ENDPOINT_ERROR_INVALID and
 * (opt-in, one registration per URI) REGISTRATION_ACCEPTS_DANGEROUS_REDIRECT.
 */
export async function checkAuthorizationServer(ctx: CheckContext, issuer: URL): Promise<void> {
  let metadata: Record<string, unknown> | undefined;
  let metadataUrl: string | undefined;
  let answered = false;
  for (const url of authorizationServerMetadataUrls(issuer)) {
    const result = await ctx.fetch('authorization server metadata', 'GET', url, { headers: { accept: 'application/json' } });
    if (result.refusal !== undefined || result.entry.headerOverflow === true) {
      ctx.wireProblem(result);
      return;
    }
    if (result.entry.error !== undefined) continue;
    answered = true;
    if (result.entry.status !== 200) continue;
    if (result.bodyTooLarge === true) {
      ctx.add('RESPONSE_TOO_LARGE', 'The authorization server metadata is larger than 1 MiB and was not read.', { url });
      return;
    }
    const parsed = parseJsonObject(result.body ?? '');
    if ('problem' in parsed) {
      ctx.add('AUTHORIZATION_SERVER_METADATA_INVALID', `The authorization server metadata ${parsed.problem} (RFC 8414 §3.2 requires a JSON object).`, { url });
      continue;
    }
    checkMetadataContentType(ctx, result, 'authorization server metadata');
    metadata = parsed.value;
    metadataUrl = url;
    break;
  }
  if (metadata === undefined || metadataUrl === undefined) {
    if (!ctx.has('AUTHORIZATION_SERVER_METADATA_INVALID')) {
      ctx.add(
        'AUTHORIZATION_SERVER_METADATA_MISSING',
        answered
          ? `No authorization server metadata for ${issuer.href} at the RFC 8414 or OpenID Connect well-known URLs.`
          : `The authorization server ${issuer.href} did not answer at any metadata URL (RFC 8414 §3, OpenID Connect Discovery).`,
      );
    }
    return;
  }
  ctx.report.authorizationServerMetadataUrl = metadataUrl;
  ctx.report.authorizationServerMetadata = metadata;
  const resource = typeof ctx.report.resourceMetadata?.resource === 'string' ? ctx.report.resourceMetadata.resource : ctx.target.href;
  const insecureHttp = ctx.options.insecureHttp === true;
  const facts = { metadata, issuer, resource, target: ctx.target, insecureHttp };
  ctx.apply(AUTHORIZATION_SERVER_METADATA_RULES, facts, metadataUrl);
  const registration = secureEndpoint(metadata.registration_endpoint, insecureHttp);
  ctx.report.clientRegistration = { dynamicRegistration: registration !== undefined, clientIdMetadataDocument: metadata.client_id_metadata_document_supported === true };

  const jwks = secureEndpoint(metadata.jwks_uri, insecureHttp);
  if (jwks !== undefined) await checkJwks(ctx, jwks);
  const token = secureEndpoint(metadata.token_endpoint, insecureHttp);
  if (token !== undefined) await checkTokenEndpoint(ctx, token);
  if (registration !== undefined && ctx.options.probeRegistration === true) await probeRegistration(ctx, registration);
}

/** `jwks_uri` must answer 200 with a JWK Set (RFC 7517 §5): an object whose `keys` is an array of keys with `kty`. */
async function checkJwks(ctx: CheckContext, url: URL): Promise<void> {
  const result = await ctx.fetch('jwks', 'GET', url.href, { headers: { accept: 'application/json' } });
  if (result.refusal !== undefined || result.entry.headerOverflow === true) {
    ctx.wireProblem(result);
    return;
  }
  if (result.entry.error !== undefined || result.entry.status !== 200) {
    ctx.add('JWKS_UNREACHABLE', `jwks_uri ${result.entry.error === undefined ? `answered ${result.entry.status}` : `did not answer: ${result.entry.error}`}: clients still sign in (the authorization-code flow does not read it), but a resource server that fetches its keys there cannot verify tokens.`, { url: url.href });
    return;
  }
  if (result.bodyTooLarge === true) {
    ctx.add('RESPONSE_TOO_LARGE', 'The JWK Set is larger than 1 MiB and was not read.', { url: url.href });
    return;
  }
  const parsed = parseJsonObject(result.body ?? '');
  const keys = 'value' in parsed ? parsed.value.keys : undefined;
  const valid = Array.isArray(keys) && keys.every((k) => k !== null && typeof k === 'object' && typeof (k as { kty?: unknown }).kty === 'string');
  if (!valid) ctx.add('JWKS_INVALID', 'jwks_uri does not serve a JWK Set (RFC 7517 §5: an object whose keys is an array of JWKs with kty).', { url: url.href });
}

/**
 * Token endpoint readiness: a harmless `authorization_code` grant with a random code must get an RFC 6749 §5.2 error:
 * 400 (401 for invalid_client), a JSON object with an `error` member.
 */
async function checkTokenEndpoint(ctx: CheckContext, url: URL): Promise<void> {
  const body = new URLSearchParams({ grant_type: 'authorization_code', code: randomBytes(16).toString('base64url') }).toString();
  const result = await ctx.fetch('token endpoint', 'POST', url.href, {
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body,
  });
  if (result.refusal !== undefined || result.entry.headerOverflow === true) {
    ctx.wireProblem(result);
    return;
  }
  const { entry } = result;
  const evidence = `POST ${entry.url} → ${entry.status ?? entry.error}${entry.contentType === undefined ? '' : ` (${entry.contentType})`}`;
  const fail = (why: string) =>
    ctx.add('TOKEN_ENDPOINT_ERROR_INVALID', `A token request with an unknown code ${why}; RFC 6749 §5.2 requires a 400 (or 401) JSON error, which clients read.`, { url: url.href, evidence });
  if (entry.error !== undefined) return fail(`got no answer (${entry.error})`);
  if (result.bodyTooLarge === true) return fail('got a body larger than 1 MiB');
  const parsed = parseJsonObject(result.body ?? '');
  const error = 'value' in parsed ? parsed.value.error : undefined;
  if (entry.status! >= 200 && entry.status! < 300) return fail(`got ${entry.status}${typeof error === 'string' ? ' carrying an error' : ''}`);
  if ('problem' in parsed) return fail(`got ${entry.status} with a body that ${parsed.problem}`);
  if (typeof error !== 'string') return fail(`got ${entry.status} without an error member`);
  if (entry.status !== 400 && entry.status !== 401) return fail(`got ${entry.status}, not 400`);
}

/** Opt-in: registers one client per dangerous redirect URI and reports each one the server accepted. */
async function probeRegistration(ctx: CheckContext, url: URL): Promise<void> {
  const accepted: string[] = [];
  const answers: string[] = [];
  for (const redirectUri of DANGEROUS_REDIRECT_URIS) {
    const result = await ctx.fetch('client registration', 'POST', url.href, {
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        client_name: 'authheaders check (dangerous redirect probe)',
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
      }),
    });
    if (ctx.wireProblem(result)) return;
    const status = result.entry.status!;
    answers.push(`${redirectUri} → ${status}`);
    if (status < 200 || status >= 300) continue;
    const parsed = parseJsonObject(result.body ?? '');
    const registered = 'value' in parsed ? parsed.value.redirect_uris : undefined;
    // A server that answers 2xx without echoing redirect_uris is taken at its word: it registered what was sent.
    if (!Array.isArray(registered) || registered.includes(redirectUri)) accepted.push(redirectUri);
  }
  if (accepted.length === 0) return;
  ctx.add(
    'REGISTRATION_ACCEPTS_DANGEROUS_REDIRECT',
    `Dynamic client registration accepted ${accepted.length === 1 ? 'a redirect URI' : 'redirect URIs'} that must be refused (${accepted.join(', ')}): a registered client can send codes to plain http, to script or to a URL that keeps a fragment (RFC 9700 §4.1, RFC 7591 §5).`,
    { url: url.href, evidence: `POST ${url.href}, one registration per redirect URI: ${answers.join('; ')}` },
  );
}
