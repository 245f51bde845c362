import { Hono } from 'hono';
import { bearerAuth as honoBearerAuth } from 'hono/bearer-auth';
import { bearerAuth } from '@authheaders/bearer/hono';
import { compare } from './support/compare';

/**
 * `@authheaders/bearer/hono` next to `hono/bearer-auth`, each in a whole Hono app answering `app.request()` in
 * process (routing included), with the same static token: a good token, no token, and a wrong token. Ours hashes
 * and compares in constant time as Hono's does, and writes a full challenge on every refusal.
 */
export async function run(): Promise<void> {
  const token = 'mF_9.B5f-4.1JqM-a-realistic-length-token-0123456789';
  const app = (middleware: ReturnType<typeof honoBearerAuth>) => new Hono().use('/api/*', middleware).get('/api/me', (c) => c.text('ok'));
  const ours = app(bearerAuth({ token, realm: 'api', resourceMetadata: 'https://api.example.com/.well-known/oauth-protected-resource/api' }));
  const hono = app(honoBearerAuth({ token, realm: 'api' }));
  const scenarios = [
    { name: 'good token', headers: { authorization: `Bearer ${token}` }, status: 200 },
    { name: 'no token', headers: {}, status: 401 },
    { name: 'wrong token', headers: { authorization: 'Bearer wrong-token-of-some-length-0123456789' }, status: 401 },
  ];
  for (const { name, headers, status } of scenarios) {
    // Both answer the same status before they are timed.
    for (const subject of [ours, hono]) {
      const res = await subject.request('/api/me', { headers });
      if (res.status !== status) throw new Error(`${name}: expected ${status}, got ${res.status}`);
    }
    await compare(
      `Hono app, ${name}: @authheaders/bearer/hono vs hono/bearer-auth`,
      { name: `@authheaders/bearer/hono (${name})`, fn: () => ours.request('/api/me', { headers }) },
      [{ name: `hono/bearer-auth (${name})`, fn: () => hono.request('/api/me', { headers }) }],
    );
  }
}
