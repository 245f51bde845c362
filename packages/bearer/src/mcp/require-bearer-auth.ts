import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  InsufficientScopeError as SdkInsufficientScopeError,
  InvalidTokenError,
  OAuthError,
  ServerError,
  TooManyRequestsError,
} from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { BearerAuthMiddlewareOptions } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import type { AuthInfo as McpAuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
// The protocol layer by the package's name, as the engine takes it: one InsufficientScopeError class for both.
import { bearerChallenge, InsufficientScopeError, InvalidTokenError as OurInvalidTokenError, serializeBearerChallenge } from '@authheaders/bearer';
import { createBearerAuthenticator, type AuthInfo, type BearerAuthFailure, type BearerAuthOptions } from '../bearer-auth-core';
import { isCorsPreflight, mergeExposedHeaders } from '../cors';
import { nodeRequestInfo } from '../node-request-info';
import { exposedTo } from '../node/exposed-to';
import { nodeJsonBody } from '../node/read-node-body';
import type { RequiredScopes } from '../required-scopes';
import { errorDescriptionText, redactedMessage } from './error-description';
import type { mcpScopes } from './mcp-scopes';
import { expiryProblem, isSameResource } from './token-checks';

/**
 * Options of {@link requireBearerAuth}: the MCP SDK's (`verifier`, `requiredScopes`, `resourceMetadataUrl`,
 * `expectedResource`) and ours (`realm`, `legacyHeaderAliases`, `onConflict`, `onAudit`, ...). `validateToken` is
 * the `verifier`'s job here.
 */
export type McpBearerAuthOptions = Omit<BearerAuthMiddlewareOptions, 'requiredScopes'> &
  Omit<BearerAuthOptions<IncomingMessage>, 'validateToken' | 'requiredScopes' | 'resourceMetadata'> & {
    /** The realm of every challenge; default `'mcp'` (the SDK writes none). */
    realm?: string | undefined;
    /**
     * Scopes every request needs (the SDK's list), or a function of the JSON-RPC operation such as
     * {@link mcpScopes}: the body is then taken from `req.body` or read here and left in `req.body`.
     */
    requiredScopes?: RequiredScopes | undefined;
  };

/** A request as the SDK's middleware leaves it: `req.auth` is the verifier's `AuthInfo`. */
export type McpAuthenticatedRequest = IncomingMessage & { auth?: McpAuthInfo };

/**
 * The SDK's JSON bodies for the refusals it shares with the engine, serialized once; the others keep the engine's
 * body.
 */
const SDK_BODIES: Partial<Record<BearerAuthFailure['outcome'], string>> = {
  missing: JSON.stringify({ error: 'invalid_token', error_description: 'Missing Authorization header' }),
  insufficient_scope: JSON.stringify({ error: 'insufficient_scope', error_description: 'Insufficient scope' }),
};

function send(res: ServerResponse, status: number, body: unknown, challenge?: string, cors = false): void {
  res.statusCode = status;
  if (challenge !== undefined) res.setHeader('WWW-Authenticate', challenge);
  if (cors) res.setHeader('Access-Control-Expose-Headers', mergeExposedHeaders(res.getHeader('access-control-expose-headers'), ['WWW-Authenticate']));
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Cache-Control', 'no-store');
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/**
 * A drop-in for the MCP TypeScript SDK's `requireBearerAuth`
 * (`@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js`): the same options, the same `req.auth`
 * (`AuthInfo`), the same resource, scope and expiry checks in the same order, the same statuses and JSON bodies for
 * the verifier's errors. What differs, on purpose: a request without credentials gets a challenge with no `error`
 * (RFC 6750 §3.1); every challenge has a `realm`; the verifier's message is written as a valid `error_description`
 * (RFC 6750 §3) with the token redacted; a malformed Authorization header is 400 `invalid_request`; every 400
 * carries a challenge (a verifier's `InvalidRequestError` included); a verifier's `TooManyRequestsError` is 429
 * with `Retry-After`, not 400;
 * `legacyHeaderAliases` and our other options work; `resourceMetadataUrl` must be https (http on loopback);
 * `requiredScopes` may be a function of the JSON-RPC operation ({@link mcpScopes}), the body then read here (at
 * most `maxBodyBytes`) unless `express.json()` did, and left in `req.body` for the transport; `offline_access` is
 * never required nor challenged; refusals list `WWW-Authenticate` in `Access-Control-Expose-Headers`, and a CORS
 * preflight goes to `next()` untouched (option `cors`).
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3 RFC 6750 §3
 * @see https://www.rfc-editor.org/rfc/rfc9728#section-5.1 RFC 9728 §5.1
 * @example
 * ```ts
 * import express from 'express';
 * import type { OAuthTokenVerifier } from '@modelcontextprotocol/sdk/server/auth/provider.js';
 * import { requireBearerAuth } from '@authheaders/bearer/mcp';
 *
 * declare const verifier: OAuthTokenVerifier;
 *
 * const app = express();
 * app.post('/mcp', requireBearerAuth({
 *   verifier,
 *   requiredScopes: ['mcp:tools'],
 *   resourceMetadataUrl: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp',
 * }), (req, res) => {
 *   res.json({ client: req.auth?.clientId });
 * });
 * ```
 */
export function requireBearerAuth(
  options: McpBearerAuthOptions,
): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void {
  const { verifier, requiredScopes = [], resourceMetadataUrl, expectedResource, realm = 'mcp', ...ours } = options;
  if (typeof verifier?.verifyAccessToken !== 'function') throw new TypeError('verifier must have a verifyAccessToken method');
  if (expectedResource !== undefined && !(expectedResource instanceof URL)) throw new TypeError('expectedResource must be a URL');
  const fixedScopes = typeof requiredScopes === 'function' ? undefined : requiredScopes;
  // Checked here for the SDK's own check below; the engine checks it again, and the function form, when built.
  if (fixedScopes !== undefined && !Array.isArray(fixedScopes)) throw new TypeError('requiredScopes must be an array of scope-tokens (RFC 6750 §3)');
  const challenged = fixedScopes?.filter((scope) => scope !== 'offline_access');
  const scope = challenged !== undefined && challenged.length > 0 ? challenged : undefined;
  // The verifier's verdict, kept per request between the engine's call to validateToken and the answer.
  // `token` is kept only for errors the verifier wrote, to take it out of their message.
  const verdicts = new WeakMap<IncomingMessage, { error: OAuthError; token?: string }>();

  const validateToken = async (token: string, req: IncomingMessage): Promise<AuthInfo | null> => {
    const refuse = (error: OAuthError, fromVerifier = false) => {
      // With DPoP, the engine answers an invalid token itself: its challenge names both schemes (RFC 9449 §7.1).
      if (ours.dpop && error instanceof InvalidTokenError) {
        throw new OurInvalidTokenError(errorDescriptionText(redactedMessage(error.message, fromVerifier ? token : undefined)));
      }
      verdicts.set(req, fromVerifier ? { error, token } : { error });
      return null;
    };
    let info: McpAuthInfo;
    try {
      info = await verifier.verifyAccessToken(token);
    } catch (error) {
      // Anything but the SDK's OAuth errors is a server error, and says nothing of itself to the client.
      return refuse(error instanceof OAuthError ? error : new ServerError('Internal Server Error'), true);
    }
    if (expectedResource !== undefined && !isSameResource(info.resource, expectedResource)) {
      return refuse(new InvalidTokenError('Token was not issued for this resource'));
    }
    // A function of the operation is the engine's to apply, once the body is read.
    if (fixedScopes !== undefined && !fixedScopes.every((needed) => needed === 'offline_access' || info.scopes.includes(needed))) {
      refuse(new SdkInsufficientScopeError('Insufficient scope'));
      throw new InsufficientScopeError(fixedScopes);
    }
    const expired = expiryProblem(info.expiresAt, Date.now() / 1000);
    if (expired !== undefined) return refuse(new InvalidTokenError(expired));
    return info as unknown as AuthInfo;
  };

  const authenticate = createBearerAuthenticator<IncomingMessage, AuthInfo>({
    ...ours,
    realm,
    requiredScopes,
    ...(resourceMetadataUrl === undefined ? {} : { resourceMetadata: resourceMetadataUrl }),
    validateToken,
  });

  // A verifier's TooManyRequestsError: 429 with the Retry-After of the engine's own 503 (validateTokenTimeoutMs).
  const retryAfter = `${Math.ceil((ours.validateTokenTimeoutMs ?? 1e4) / 1e3)}`;

  /**
   * The SDK's answer to one of its errors, with a challenge that is valid and never holds the token: 401 and 403 as
   * the SDK answers them; every other 400 with an `invalid_request` challenge (RFC 6750 §3.1), where the SDK sends
   * none; `too_many_requests` as 429 with `Retry-After` (RFC 6585 §4), where the SDK answers 400.
   */
  const answerVerdict = (res: ServerResponse, { error, token }: { error: OAuthError; token?: string }) => {
    const message = redactedMessage(error.message, token);
    const body = { ...error.toResponseObject(), error_description: message };
    if (error instanceof ServerError) {
      send(res, 500, body, undefined, authenticate.cors);
      return;
    }
    if (error.errorCode === TooManyRequestsError.errorCode) {
      res.setHeader('Retry-After', retryAfter);
      send(res, 429, body, undefined, authenticate.cors);
      return;
    }
    const status = error instanceof InvalidTokenError ? 401 : error instanceof SdkInsufficientScopeError ? 403 : 400;
    const challenge = bearerChallenge({
      realm,
      error: status === 400 ? 'invalid_request' : error.errorCode,
      errorDescription: errorDescriptionText(message),
      scope,
      resourceMetadata: resourceMetadataUrl,
    });
    send(res, status, body, serializeBearerChallenge(challenge), authenticate.cors);
  };

  return (req, res, next) => {
    if (authenticate.cors && isCorsPreflight(req.method, req.headers['access-control-request-method'])) {
      next();
      return;
    }
    // The raw lines keep two Authorization lines apart, as in the Node middleware.
    authenticate(req.rawHeaders ?? req.headers, req, nodeRequestInfo(req, () => nodeJsonBody(req, authenticate.maxBodyBytes))).then(
      (outcome) => {
        const verdict = verdicts.get(req);
        verdicts.delete(req);
        if (outcome.ok) {
          (req as McpAuthenticatedRequest).auth = outcome.auth as unknown as McpAuthInfo;
          // A fresh DPoP-Nonce, exposed beside what a CORS middleware already exposes.
          if (outcome.headers) {
            const headers = exposedTo(res, outcome.headers);
            for (const name in headers) res.setHeader(name, headers[name]!);
          }
          next();
        } else if (verdict !== undefined) {
          answerVerdict(res, verdict);
        } else {
          const body = options.unauthenticatedResponse === undefined ? SDK_BODIES[outcome.failure.outcome] : undefined;
          res.writeHead(outcome.failure.status, exposedTo(res, outcome.failure.headers)).end(body ?? outcome.body);
        }
      },
      () => send(res, 500, new ServerError('Internal Server Error').toResponseObject(), undefined, authenticate.cors),
    );
  };
}
