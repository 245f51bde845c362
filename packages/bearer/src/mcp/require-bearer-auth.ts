import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  InsufficientScopeError as SdkInsufficientScopeError,
  InvalidTokenError,
  OAuthError,
  ServerError,
} from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { BearerAuthMiddlewareOptions } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import type { AuthInfo as McpAuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
// The protocol layer by the package's name, as the engine takes it: one InsufficientScopeError class for both.
import { bearerChallenge, InsufficientScopeError, InvalidTokenError as OurInvalidTokenError, serializeBearerChallenge } from '@authheaders/bearer';
import { createBearerAuthenticator, type AuthInfo, type BearerAuthFailure, type BearerAuthOptions } from '../bearer-auth-core';
import { nodeRequestTarget } from '../node-request-target';
import { errorDescriptionText, redactedMessage } from './error-description';
import { expiryProblem, isSameResource } from './token-checks';

/**
 * Options of {@link requireBearerAuth}: the MCP SDK's (`verifier`, `requiredScopes`, `resourceMetadataUrl`,
 * `expectedResource`) and ours (`realm`, `legacyHeaderAliases`, `onConflict`, `onAudit`, ...). `validateToken` is
 * the `verifier`'s job here.
 */
export type McpBearerAuthOptions = BearerAuthMiddlewareOptions &
  Omit<BearerAuthOptions<IncomingMessage>, 'validateToken' | 'requiredScopes' | 'resourceMetadata'> & {
    /** The realm of every challenge; default `'mcp'` (the SDK writes none). */
    realm?: string | undefined;
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

function send(res: ServerResponse, status: number, body: unknown, challenge?: string): void {
  res.statusCode = status;
  if (challenge !== undefined) res.setHeader('WWW-Authenticate', challenge);
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
 * (RFC 6750 §3) with the token redacted; a malformed Authorization header is 400 `invalid_request`;
 * `legacyHeaderAliases` and our other options work; `resourceMetadataUrl` must be https (http on loopback).
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
  const scope = requiredScopes.length > 0 ? requiredScopes : undefined;
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
    if (!requiredScopes.every((needed) => info.scopes.includes(needed))) {
      refuse(new SdkInsufficientScopeError('Insufficient scope'));
      throw new InsufficientScopeError(requiredScopes);
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

  /** The SDK's answer to one of its errors, with a challenge that is valid and never holds the token. */
  const answerVerdict = (res: ServerResponse, { error, token }: { error: OAuthError; token?: string }) => {
    const message = redactedMessage(error.message, token);
    const body = { ...error.toResponseObject(), error_description: message };
    const status = error instanceof InvalidTokenError ? 401 : error instanceof SdkInsufficientScopeError ? 403 : undefined;
    if (status === undefined) {
      send(res, error instanceof ServerError ? 500 : 400, body);
      return;
    }
    const challenge = bearerChallenge({
      realm,
      error: error.errorCode,
      errorDescription: errorDescriptionText(message),
      scope,
      resourceMetadata: resourceMetadataUrl,
    });
    send(res, status, body, serializeBearerChallenge(challenge));
  };

  return (req, res, next) => {
    // The raw lines keep two Authorization lines apart, as in the Node middleware.
    authenticate(req.rawHeaders ?? req.headers, req, nodeRequestTarget(req)).then(
      (outcome) => {
        const verdict = verdicts.get(req);
        verdicts.delete(req);
        if (outcome.ok) {
          (req as McpAuthenticatedRequest).auth = outcome.auth as unknown as McpAuthInfo;
          for (const name in outcome.headers) res.setHeader(name, outcome.headers[name]!);
          next();
        } else if (verdict !== undefined) {
          answerVerdict(res, verdict);
        } else {
          const body = options.unauthenticatedResponse === undefined ? SDK_BODIES[outcome.failure.outcome] : undefined;
          res.writeHead(outcome.failure.status, outcome.failure.headers).end(body ?? outcome.body);
        }
      },
      () => send(res, 500, new ServerError('Internal Server Error').toResponseObject()),
    );
  };
}
