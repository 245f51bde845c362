import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { createBearerAuthenticator, type AuthInfo, type BearerAuthOptions } from '../bearer-auth-core';
import { nodeRequestTarget } from '../node-request-target';

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
  return async function authenticateBearer(request: FastifyRequest, reply: FastifyReply) {
    // The raw lines keep two Authorization lines apart, as in the Node middleware.
    const outcome = await authenticate(request.raw.rawHeaders ?? request.headers, request, nodeRequestTarget(request.raw));
    if (outcome.ok) {
      request.auth = outcome.auth;
      if (outcome.headers !== undefined) reply.headers(outcome.headers);
      return;
    }
    // The failure's headers: WWW-Authenticate (or Retry-After on a 503), Content-Type, Cache-Control. The body goes
    // through Fastify's serializer as a value, except a string: Fastify sends a string under a JSON content type as
    // it is, so a JSON string body (`unauthenticatedResponse` returning one) is sent already serialized.
    const body = JSON.parse(outcome.body) as unknown;
    return reply
      .code(outcome.failure.status)
      .headers(outcome.failure.headers)
      .send(typeof body === 'string' ? outcome.body : body);
  };
}

/**
 * Bearer authentication as a Fastify 5 plugin: it decorates `request.auth` (typed) and adds an `onRequest` hook
 * (see {@link bearerAuthHook}) to the context it is registered in. Like plugins wrapped with `fastify-plugin`, it is
 * not encapsulated in a context of its own: registered at the root it guards every route; registered inside your
 * own plugin it guards that plugin's routes only and leaves its siblings alone.
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
  fastify.addHook('onRequest', bearerAuthHook(options));
}

// Fastify's own marker (what `fastify-plugin` sets): the hook and decorator land in the registering context.
(bearerAuth as unknown as Record<symbol, unknown>)[Symbol.for('skip-override')] = true;
(bearerAuth as unknown as Record<symbol, unknown>)[Symbol.for('fastify.display-name')] = '@authheaders/bearer/fastify';
(bearerAuth as unknown as Record<symbol, unknown>)[Symbol.for('plugin-meta')] = { fastify: '5.x', name: '@authheaders/bearer/fastify' };
