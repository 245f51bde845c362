import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Adapter, AdapterPayload, Configuration, KoaContextWithOIDC } from 'oidc-provider';

/** The one user of the demo authorization server. */
export const DEMO_USER = 'demo-user';
/** The `acr` of the demo user's sign-in: a password alone, no second factor (RFC 9470's step-up asks for more). */
export const DEMO_ACR = 'urn:authheaders:demo:pwd';
/** The scopes the demo resource knows. */
export const DEMO_SCOPES = ['mcp:read', 'mcp:write'] as const;

export interface DemoAuthorizationServer {
  /** The issuer identifier, `http://127.0.0.1:<port>` (RFC 8414 §2; http is for loopback only). */
  issuer: string;
  /** The signing keys' URL. */
  jwksUri: string;
  close(): Promise<void>;
}

export interface DemoAuthorizationServerOptions {
  /** The one resource (RFC 8707) it issues JWT access tokens for. */
  resource: string;
  /** Lifetime of an access token, in seconds. Default 300. */
  accessTokenTtlSec?: number;
  /**
   * DPoP (RFC 9449): a token request with a DPoP proof gets an access token bound to the proof's key (`cnf.jkt`,
   * `token_type` `DPoP`). Default false.
   */
  dpop?: boolean;
}

/** Storage of one provider instance, in memory and gone with it (no state is shared between instances). */
function memoryAdapterFactory(): (name: string) => Adapter {
  const store = new Map<string, AdapterPayload>();
  const sessionsByUid = new Map<string, string>();
  return (name) => {
    const key = (id: string) => `${name}:${id}`;
    return {
      async upsert(id, payload) {
        store.set(key(id), payload);
        if (name === 'Session' && payload.uid !== undefined) sessionsByUid.set(payload.uid, id);
      },
      async find(id) {
        return store.get(key(id));
      },
      async findByUid(uid) {
        const id = sessionsByUid.get(uid);
        return id === undefined ? undefined : store.get(key(id));
      },
      async findByUserCode() {
        return undefined;
      },
      async consume(id) {
        const payload = store.get(key(id));
        if (payload !== undefined) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        store.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const [k, payload] of store) if (payload.grantId === grantId) store.delete(k);
      },
    };
  };
}

/**
 * Starts `oidc-provider` (an OpenID Certified authorization server) on an ephemeral 127.0.0.1 port, configured for
 * the demo: authorization code with PKCE S256 required (RFC 7636), dynamic client registration (RFC 7591),
 * resource indicators (RFC 8707) issuing RFC 9068 JWT access tokens signed ES256 for `options.resource` only, RFC
 * 8414 metadata at `/.well-known/oauth-authorization-server` as well as the OpenID path.
 *
 * **Demo only.** Its sign-in is scripted: the interaction endpoint logs {@link DEMO_USER} in and grants every
 * requested scope of the demo resource without asking anyone. Nothing here is ever enabled outside `authheaders
 * demo` and the end-to-end tests; a real deployment runs a real authorization server with real users.
 */
export async function startDemoAuthorizationServer(options: DemoAuthorizationServerOptions): Promise<DemoAuthorizationServer> {
  // oidc-provider and jose are needed by the demo only: loaded here so the CLI's other commands do without them.
  const [{ default: Provider, errors }, { exportJWK, generateKeyPair }] = await Promise.all([import('oidc-provider'), import('jose')]);
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'demo-es256', alg: 'ES256', use: 'sig' };
  const resource = options.resource;
  const ttl = options.accessTokenTtlSec ?? 300;

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const configuration: Configuration = {
    adapter: memoryAdapterFactory(),
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
    scopes: [...DEMO_SCOPES],
    responseTypes: ['code'],
    ttl: { AccessToken: ttl, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    renderError: (ctx, out) => {
      ctx.type = 'json';
      ctx.body = out;
    },
    clientDefaults: { id_token_signed_response_alg: 'ES256', grant_types: ['authorization_code'], response_types: ['code'] },
    pkce: { required: () => true, methods: ['S256'] },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // RFC 7591 §2 lets the server replace requested metadata: every client it registers may ask for every demo
    // scope, whatever `scope` it registered with. (The MCP SDK registers with the scope of its first challenge, then
    // asks for more when a 403 names more.)
    extraClientMetadata: {
      properties: ['scope'],
      validator: (_ctx, _key, _value, metadata) => {
        metadata.scope = DEMO_SCOPES.join(' ');
      },
    },
    features: {
      devInteractions: { enabled: false },
      dPoP: { enabled: options.dpop === true },
      registration: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== resource) throw new errors.InvalidTarget();
          return {
            scope: DEMO_SCOPES.join(' '),
            audience: resource,
            accessTokenTTL: ttl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    // RFC 9068 §2.2.1: how and when the user signed in, for the resource's step-up policy (RFC 9470).
    extraTokenClaims: (ctx: KoaContextWithOIDC) => {
      const code = ctx.oidc.entities.AuthorizationCode;
      return code === undefined ? undefined : { acr: code.acr, auth_time: code.authTime };
    },
  };
  const provider = new Provider(issuer, configuration);
  const handleProvider = provider.callback();

  /** The scripted sign-in and consent of the demo user (the interaction API of oidc-provider). */
  async function interact(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      const authTime = Math.floor(Date.now() / 1000);
      await provider.interactionFinished(req, res, { login: { accountId: DEMO_USER, acr: DEMO_ACR, amr: ['pwd'], ts: authTime } }, { mergeWithLastSubmission: false });
      return;
    }
    const accountId = details.session?.accountId ?? DEMO_USER;
    const clientId = String(details.params.client_id);
    const grant = (details.grantId === undefined ? undefined : await provider.Grant.find(details.grantId)) ?? new provider.Grant({ accountId, clientId });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope !== undefined) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method === 'GET' && path.startsWith('/interaction/')) {
      interact(req, res).catch(() => {
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
      return;
    }
    // RFC 8414 §3: the same document at the OAuth well-known path, for clients that look there first.
    if (path === '/.well-known/oauth-authorization-server') req.url = '/.well-known/openid-configuration';
    void handleProvider(req, res);
  });

  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
