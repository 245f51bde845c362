import { createBearerTokenResolver, resolveBearerToken } from '@authheaders/bearer';
import { bearerAuth as honoBearerAuth } from 'hono/bearer-auth';
import { compare } from './support/compare';

/**
 * Resolving the token of one request, next to Hono's bearerAuth doing the same header parsing (with a verifier that
 * accepts everything, called through a minimal context so routing is not measured).
 */
export async function run(): Promise<void> {
  const token = 'mF_9.B5f-4.1JqM-a-realistic-length-token-0123456789';
  const headers = new Headers({ authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: '*/*' });
  const record = { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: '*/*' };
  const context = { req: { header: (name: string) => headers.get(name) ?? undefined } };
  const hono = honoBearerAuth({ verifyToken: () => true });
  const next = async () => {};
  const withAliases = createBearerTokenResolver({ legacyHeaderAliases: ['x-adcp-auth', 'x-api-key'] });
  await compare(
    'resolve the bearer token of one request',
    { name: 'resolveBearerToken(Headers)', fn: () => resolveBearerToken(headers) },
    [
      { name: 'hono bearerAuth (header parsing + verify)', fn: () => hono(context as never, next) },
      { name: 'resolveBearerToken(Node-style record)', fn: () => resolveBearerToken(record) },
      { name: 'resolver with 2 legacy aliases (Headers)', fn: () => withAliases(headers) },
    ],
  );
}
