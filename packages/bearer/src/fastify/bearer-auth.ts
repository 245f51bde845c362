import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler, preParsingAsyncHookHandler } from 'fastify';
import { createBearerAuthenticator, type AuthInfo, type BearerAuthenticator, type BearerAuthOptions } from '../bearer-auth-core';
import { isCorsPreflight, withExposedHeaders } from '../cors';
import { parseJsonBytes } from '../json-body';
import { nodeRequestInfo } from '../node-request-info';
import { hasNodeBody, readNodeBody } from '../node/read-node-body';

declare module 'fastify' {
  interface FastifyRequest {
    /** What `validateToken` returned, once `bearerAuth` accepted the request; `null` before or elsewhere. */
    auth: AuthInfo | null;
  }
}

/** Options of the Fastify plugin and hook: those of every middleware here, `validateToken(token, request)` included. */
export type FastifyBearerAuthOptions<Auth extends AuthInfo = AuthInfo> = BearerAuthOptions<FastifyRequest, Auth>;

/**
 * An `onRequest` hook that authenticates, for routes that opt in one by one (`{ onRequest: bearerAuthHook(...) }`).
 * On success it sets `request.auth`; otherwise it replies through Fastify (`reply.code().header().send()`, so
 * `onSend` hooks and serializers see the answer) with the status, a full `WWW-Authenticate` challenge and a JSON
 * body. An unexpected error is thrown to Fastify's error handler. Needs `request.auth` decorated: register the
 * {@link bearerAuth} plugin once, or call `fastify.decorateRequest('auth', null)`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3 RFC 6750 §3
 */
export function bearerAuthHook<Auth extends AuthInfo = AuthInfo>(options: FastifyBearerAuthOptions<Auth>): onRequestAsyncHookHandler {
  const authenticate = createBearerAuthenticator(options);
  if (authenticate.readsBody) {
    throw new TypeError('requiredScopes as a function needs the body: register the bearerAuth plugin, which reads it in preParsing');
  }
  return onRequestHook(authenticate);
}

/** The onRequest hook of an engine whose scopes are fixed. */
function onRequestHook(authenticate: BearerAuthenticator<FastifyRequest, AuthInfo>): onRequestAsyncHookHandler {
  return async function authenticateBearer(request: FastifyRequest, reply: FastifyReply) {
    if (authenticate.cors && isCorsPreflight(request.method, request.headers['access-control-request-method'])) return;
    // The raw lines keep two Authorization lines apart, as in the Node middleware.
    const outcome = await authenticate(request.raw.rawHeaders ?? request.headers, request, nodeRequestInfo(request.raw));
    if (outcome.ok) {
      accept(request, reply, outcome);
      return;
    }
    return refuse(reply, outcome);
  };
}

/** Sets `request.auth`, and a success's headers (a fresh DPoP-Nonce, exposed beside what a CORS hook exposes). */
function accept(request: FastifyRequest, reply: FastifyReply, outcome: Extract<Awaited<ReturnType<BearerAuthenticator<FastifyRequest, AuthInfo>>>, { ok: true }>): void {
  request.auth = outcome.auth;
  if (outcome.headers !== undefined) reply.headers(withExposedHeaders(outcome.headers, reply.getHeader('access-control-expose-headers')));
}

/** Answers a refusal through Fastify. */
function refuse(reply: FastifyReply, outcome: Extract<Awaited<ReturnType<BearerAuthenticator<FastifyRequest, AuthInfo>>>, { ok: false }>): FastifyReply {
  // The failure's headers: WWW-Authenticate (or Retry-After on a 503), Content-Type, Cache-Control and
  // Access-Control-Expose-Headers, merged with what a CORS hook (@fastify/cors) set before. The body goes through
  // Fastify's serializer as a value, except a string: Fastify sends a string under a JSON content type as it is, so
  // a JSON string body (`unauthenticatedResponse` returning one) is sent already serialized.
  const body = JSON.parse(outcome.body) as unknown;
  return reply
    .code(outcome.failure.status)
    .headers(withExposedHeaders(outcome.failure.headers, reply.getHeader('access-control-expose-headers')))
    .send(typeof body === 'string' ? outcome.body : body);
}

/**
 * A `preParsing` hook that authenticates with `requiredScopes` a function: it reads the JSON-RPC body (at most
 * `maxBodyBytes`, a 400 with a challenge past it or when it is not JSON) and hands Fastify the same bytes to parse,
 * so the route's `request.body` is the message and the network stream is read once.
 */
function bodyReadingHook(authenticate: BearerAuthenticator<FastifyRequest, AuthInfo>): preParsingAsyncHookHandler {
  return async function authenticateBearerOperation(request, reply, payload) {
    if (authenticate.cors && isCorsPreflight(request.method, request.headers['access-control-request-method'])) return payload;
    let bytes: Uint8Array | undefined;
    const body = async () => {
      if (!hasNodeBody(request.headers)) return undefined;
      bytes = await readNodeBody(payload, request.headers['content-length'], authenticate.maxBodyBytes);
      return parseJsonBytes(bytes);
    };
    const outcome = await authenticate(request.raw.rawHeaders ?? request.headers, request, nodeRequestInfo(request.raw, body));
    if (!outcome.ok) {
      refuse(reply, outcome);
      return payload;
    }
    accept(request, reply, outcome);
    if (bytes === undefined) return payload;
    // What Fastify checks against Content-Length: the bytes received, as its own payload stream reports them.
    return Object.assign(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)]), { receivedEncodedLength: bytes.length });
  };
}

/**
 * Bearer authentication as a Fastify 5 plugin: it decorates `request.auth` (typed) and adds an `onRequest` hook
 * (see {@link bearerAuthHook}) to the context it is registered in. Like plugins wrapped with `fastify-plugin`, it is
 * not encapsulated in a context of its own: registered at the root it guards every route; registered inside your
 * own plugin it guards that plugin's routes only and leaves its siblings alone. With `requiredScopes` a function
 * (such as `mcpScopes(...)`) the hook runs in `preParsing` instead, reads the JSON-RPC body (at most
 * `maxBodyBytes`) and hands the same bytes to Fastify's parser. Each refusal lists `WWW-Authenticate` in
 * `Access-Control-Expose-Headers`; a CORS preflight passes through untouched (option `cors`).
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3 RFC 6750 §3
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { bearerAuth } from '@authheaders/bearer/fastify';
 *
 * declare function lookUp(token: string): Promise<{ subject: string; scopes: string[] } | null>;
 *
 * const app = Fastify();
 * app.get('/health', async () => 'ok'); // a sibling: not guarded
 * await app.register(async (api) => {
 *   await api.register(bearerAuth, { realm: 'api', requiredScopes: ['files:read'], validateToken: lookUp });
 *   api.get('/api/me', async (request) => ({ subject: request.auth?.subject }));
 * });
 * ```
 */
export async function bearerAuth(fastify: FastifyInstance, options: FastifyBearerAuthOptions): Promise<void> {
  if (!fastify.hasRequestDecorator('auth')) fastify.decorateRequest('auth', null);
  const authenticate = createBearerAuthenticator(options);
  // A function of the operation needs the body, which Fastify has not read yet in onRequest.
  if (authenticate.readsBody) fastify.addHook('preParsing', bodyReadingHook(authenticate));
  else fastify.addHook('onRequest', onRequestHook(authenticate));
}

// Fastify's own marker (what `fastify-plugin` sets): the hook and decorator land in the registering context.
(bearerAuth as unknown as Record<symbol, unknown>)[Symbol.for('skip-override')] = true;
(bearerAuth as unknown as Record<symbol, unknown>)[Symbol.for('fastify.display-name')] = '@authheaders/bearer/fastify';
(bearerAuth as unknown as Record<symbol, unknown>)[Symbol.for('plugin-meta')] = { fastify: '5.x', name: '@authheaders/bearer/fastify' };
