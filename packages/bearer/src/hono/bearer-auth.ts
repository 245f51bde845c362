import type { Context, Env, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { createBearerAuthenticator, type AuthInfo, type BearerAuthOptions, type BearerAuthRefusal } from '../bearer-auth-core';
import { warnOnce } from '../deprecated-options';
import { TOKEN_CHARS } from '../rfc9110-syntax';
import { legacyCarrier } from './legacy-carrier';
import { challengeText, refusalResponse, type MessageValue, type RefusalResponseOptions } from './refusal-response';
import { staticTokenVerifier } from './static-token-verifier';

// `c.get('auth')` is typed wherever the middleware runs, even on a route declared apart from it
// (`app.use(...)` then `app.get(...)`), the way hono/jwt types `jwtPayload`. Routes that get the middleware in their
// own chain see the exact type `validateToken` returns.
declare module 'hono' {
  interface ContextVariableMap {
    /** What `validateToken` returned, set by `@authheaders/bearer/hono`'s `bearerAuth`. */
    auth: AuthInfo;
  }
}

/**
 * The context of the refusal messages' functions: Hono's own `Context`, whose `c.env` is `any`, as
 * `hono/bearer-auth` types its `MessageFunction`, so a Hono configuration type-checks unchanged; the context of the
 * environment `E` when one is given (`bearerAuth<{ Bindings: ... }>(...)`). `verifyToken` gets `Context<E>`, as in Hono.
 */
type OptionsContext<E extends Env> = Env extends E ? Context : Context<E>;

/** Hono's own refusal options, kept with their meaning (see the package README for the few differences). */
interface HonoRefusalOptions<E extends Env> {
  /** Answer to a request without credentials (401). */
  noAuthenticationHeader?: RefusalResponseOptions<OptionsContext<E>> | undefined;
  /** Answer to a malformed or conflicting credential (400). */
  invalidAuthenticationHeader?: RefusalResponseOptions<OptionsContext<E>> | undefined;
  /** Answer to a token that is refused (401). */
  invalidToken?: RefusalResponseOptions<OptionsContext<E>> | undefined;
  /** Answer to a token without a required scope (403); not in Hono, which has no scopes. */
  insufficientScope?: RefusalResponseOptions<OptionsContext<E>> | undefined;
  /** @deprecated Use `noAuthenticationHeader.message` (as in Hono). */
  noAuthenticationHeaderMessage?: RefusalResponseOptions<OptionsContext<E>>['message'];
  /** @deprecated Use `invalidAuthenticationHeader.message` (as in Hono). */
  invalidAuthenticationHeaderMessage?: RefusalResponseOptions<OptionsContext<E>>['message'];
  /** @deprecated Use `invalidToken.message` (as in Hono). */
  invalidTokenMessage?: RefusalResponseOptions<OptionsContext<E>>['message'];
  /**
   * The scheme of the legacy carrier (Hono's `prefix`, default `Bearer`): `<headerName>: <prefix> <token>`; a
   * prefix other than `Bearer` applies to `legacyHeaderAliases` too, and to Authorization when there is no alias
   * (`Authorization: <prefix> <token>`); `''` means a raw token. `Authorization: Bearer` is accepted whatever it is.
   */
  prefix?: string | undefined;
  /**
   * @deprecated Use `legacyHeaderAliases: [name]`. In Hono it replaced Authorization; here it is a legacy alias
   * read with `prefix`, after `Authorization: Bearer`, and it emits one DeprecationWarning.
   */
  headerName?: string | undefined;
  /** Hashes both sides of a static `token` comparison (default SHA-256 through Web Crypto). */
  // `Function` as in Hono's own type, so a Hono configuration type-checks unchanged; it is called with one string.
  hashFunction?: ((value: string) => unknown) | Function | undefined;
}

/** Our options that Hono also has under the same name, or that make no sense here. */
type EngineOptions<E extends Env, Auth extends AuthInfo> = Omit<BearerAuthOptions<Context<E>, Auth>, 'validateToken' | 'headerName'>;

/**
 * Options of {@link bearerAuth}: Hono 4's (`token`, `verifyToken`, `realm`, `prefix`, `headerName`, `hashFunction`,
 * the refusal messages) and ours (`validateToken`, `legacyHeaderAliases`, `requiredScopes`, `resourceMetadata`,
 * `onAudit`, ...). Give exactly one of `token`, `verifyToken` and `validateToken`.
 */
export type HonoBearerAuthOptions<E extends Env = Env, Auth extends AuthInfo = AuthInfo> = EngineOptions<E, Auth> &
  HonoRefusalOptions<E> &
  (
    | {
        /** A static token, or a list: compared in constant time. */
        token: string | string[];
        verifyToken?: never;
        validateToken?: never;
      }
    | {
        /** Hono's verifier: true lets the request in (with empty auth info). */
        verifyToken: (token: string, c: Context<E>) => boolean | Promise<boolean>;
        token?: never;
        validateToken?: never;
      }
    | {
        /** Our verifier: auth info for a good token, or null/false/undefined (see `BearerAuthOptions`). */
        validateToken: BearerAuthOptions<Context<E>, Auth>['validateToken'];
        token?: never;
        verifyToken?: never;
      }
  );

/** The Hono environment the middleware adds: `c.get('auth')` is what `validateToken` returned. */
export interface BearerAuthEnv<Auth extends AuthInfo = AuthInfo> {
  Variables: { auth: Auth };
}

type RefusalOption = 'noAuthenticationHeader' | 'invalidAuthenticationHeader' | 'invalidToken' | 'insufficientScope';

/**
 * What {@link bearerAuth} returns: a middleware typed two ways, so it fits every place Hono's did. Used in
 * `app.get(path, bearerAuth(...), handler)` or chained (`app.use(bearerAuth(...)).get(...)`), the handler's
 * `c.get('auth')` is typed; called by hand from another middleware (`(c, next) => auth(c, next)`), any context fits.
 */
export type BearerAuthMiddleware<E extends Env = Env, Auth extends AuthInfo = AuthInfo> = MiddlewareHandler<E> &
  MiddlewareHandler<E & BearerAuthEnv<Auth>>;

/** Which of Hono's refusal options answers each refusal, and its default body (Hono's, for its three kinds). */
const REFUSAL_OPTIONS: Partial<Record<BearerAuthRefusal, [RefusalOption, string]>> = {
  missing: ['noAuthenticationHeader', 'Unauthorized'],
  malformed: ['invalidAuthenticationHeader', 'Bad Request'],
  conflict: ['invalidAuthenticationHeader', 'Bad Request'],
  invalid_token: ['invalidToken', 'Unauthorized'],
  validator_error: ['invalidToken', 'Unauthorized'],
  insufficient_user_authentication: ['invalidToken', 'Unauthorized'],
  insufficient_scope: ['insufficientScope', 'Forbidden'],
};

/**
 * Bearer authentication for Hono, a drop-in for `hono/bearer-auth`'s `bearerAuth` with Hono 4's options and ours.
 * `Authorization: Bearer` is always accepted first; Hono's `headerName` becomes a legacy alias (with `prefix`
 * applying to it); every 400/401/403 carries a full RFC 6750 challenge (realm, scope, error, resource_metadata);
 * static tokens are compared in constant time. A refusal is thrown as Hono's `HTTPException` with the response, as
 * Hono's middleware does, so `app.onError` sees it. The auth info is `c.get('auth')`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3 RFC 6750 §3
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { bearerAuth } from '@authheaders/bearer/hono';
 *
 * declare function lookUp(token: string): Promise<{ subject: string; scopes: string[] } | null>;
 *
 * const app = new Hono();
 * app.use('/api/*', bearerAuth({
 *   realm: 'api',
 *   resourceMetadata: 'https://api.example.com/.well-known/oauth-protected-resource/api',
 *   requiredScopes: ['files:read'],
 *   validateToken: (token) => lookUp(token),
 * }));
 * app.get('/api/me', (c) => c.json({ subject: c.get('auth').subject }));
 * ```
 */
export function bearerAuth<E extends Env = Env, Auth extends AuthInfo = AuthInfo>(
  options: HonoBearerAuthOptions<E, Auth>,
): BearerAuthMiddleware<E, Auth> {
  const { token, verifyToken, validateToken, prefix = 'Bearer', headerName, hashFunction, ...rest } = options as HonoBearerAuthOptions<E, Auth> & {
    token?: string | string[];
    verifyToken?: (token: string, c: Context<E>) => boolean | Promise<boolean>;
    validateToken?: BearerAuthOptions<Context<E>, Auth>['validateToken'];
  };
  const given = [token, verifyToken, validateToken].filter((option) => option !== undefined).length;
  if (given !== 1) throw new TypeError('bearerAuth needs exactly one of token, verifyToken and validateToken');
  if (verifyToken !== undefined && typeof verifyToken !== 'function') throw new TypeError('verifyToken must be a function');
  // A static token or a yes/no verifier grants no scopes: every request would be a 403.
  if (validateToken === undefined && (rest.requiredScopes?.length ?? 0) > 0) {
    throw new TypeError('requiredScopes needs validateToken: token and verifyToken grant no scopes');
  }

  if (headerName !== undefined) warnOnce('headerName', 'legacyHeaderAliases (Authorization: Bearer is always accepted)');
  const carrier = legacyCarrier(headerName, prefix, rest.legacyHeaderAliases);
  // Hand-given challenge parameters are written after the prefix, as Hono does, when the prefix can be a scheme.
  const scheme = TOKEN_CHARS.test(prefix) ? prefix : 'Bearer';
  const custom: Pick<HonoRefusalOptions<E>, 'noAuthenticationHeader' | 'invalidAuthenticationHeader' | 'invalidToken' | 'insufficientScope'> = {
    noAuthenticationHeader: { ...options.noAuthenticationHeader, message: options.noAuthenticationHeader?.message ?? options.noAuthenticationHeaderMessage },
    invalidAuthenticationHeader: {
      ...options.invalidAuthenticationHeader,
      message: options.invalidAuthenticationHeader?.message ?? options.invalidAuthenticationHeaderMessage,
    },
    invalidToken: { ...options.invalidToken, message: options.invalidToken?.message ?? options.invalidTokenMessage },
    insufficientScope: options.insufficientScope,
  };
  // Hand-given challenges that are not functions are checked now, not on the first refusal.
  for (const refusal of Object.values(custom)) {
    const header = refusal?.wwwAuthenticateHeader;
    if (header !== undefined && typeof header !== 'function') challengeText(header, scheme);
  }

  const matchesStaticToken = token !== undefined ? staticTokenVerifier(token, hashFunction as ((value: string) => unknown) | undefined) : undefined;
  const engineOptions = {
    ...rest,
    legacyHeaderAliases: [...(rest.legacyHeaderAliases ?? []), ...(carrier === undefined ? [] : carrier.aliases)],
    validateToken:
      validateToken ??
      (async (presented: string, c: Context<E>) => ((await (matchesStaticToken?.(presented) ?? verifyToken!(presented, c))) ? ({} as Auth) : null)),
  } as BearerAuthOptions<Context<E>, Auth>;
  const authenticate = createBearerAuthenticator(engineOptions);

  const middleware = createMiddleware<E & BearerAuthEnv<Auth>>(async (c, next) => {
    const headers = carrier === undefined ? c.req.raw.headers : carrier.view(c.req.raw.headers);
    let outcome;
    try {
      outcome = await authenticate(headers, c as unknown as Context<E>, c.req.raw);
    } catch {
      // A server error inside the middleware: a bare 500 that says nothing of it, whatever app.onError shows.
      throw new HTTPException(500, { res: new Response(null, { status: 500 }) });
    }
    if (outcome.ok) {
      c.set('auth', outcome.auth);
      for (const name in outcome.headers) c.header(name, outcome.headers[name]);
      await next();
      return;
    }
    const { failure } = outcome;
    const refusal = REFUSAL_OPTIONS[failure.outcome];
    // A validator timeout (503) is no refusal of the credentials: the engine's answer, with its Retry-After.
    if (refusal === undefined || failure.wwwAuthenticate === undefined) {
      throw new HTTPException(failure.status as ContentfulStatusCode, { res: new Response(outcome.body, failure) });
    }
    const [option, defaultBody] = refusal;
    const fallback: MessageValue = options.unauthenticatedResponse === undefined ? defaultBody : (JSON.parse(outcome.body) as object);
    const res = await refusalResponse(c as unknown as Context<E>, failure.status, failure.wwwAuthenticate, custom[option], fallback, scheme);
    throw new HTTPException(res.status as ContentfulStatusCode, { res });
  });
  // The same function serves both signatures: it only ever sets `auth`, whatever else the context holds.
  return middleware as unknown as BearerAuthMiddleware<E, Auth>;
}
