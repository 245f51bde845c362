/**
 * What Express's `req.auth` holds after {@link bearerAuth}: the members every validator result shares. Extend it
 * by declaration merging (`declare module '@authheaders/bearer/node' { interface ExpressAuthInfo { tenant?: string } }`)
 * to type your own. It has no index signature, so the MCP SDK's `AuthInfo`, which types the same `req.auth`, fits it.
 */
export interface ExpressAuthInfo {
  /** Who the token was issued to, when the validator says. */
  subject?: string;
  /** The scopes the token grants, when the validator says. */
  scopes?: readonly string[];
}

/** The member `bearerAuth` adds to an Express request: `req.auth`, set once the token is accepted. */
export interface ExpressAuthenticatedRequest {
  /** What `validateToken` returned; undefined on routes the middleware does not guard. */
  auth?: ExpressAuthInfo;
}

// Types `req.auth` in Express 5 handlers as soon as this entry is imported, the way the MCP SDK types it. Through a
// base interface rather than a property, so that the SDK's own `auth?: AuthInfo` merges with it instead of clashing.
declare module 'express-serve-static-core' {
  interface Request extends ExpressAuthenticatedRequest {}
}
