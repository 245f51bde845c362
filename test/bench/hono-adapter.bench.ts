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
  // Long static lists, a wrong token presented: ours looks its digest up in a set, so 10,000 tokens should cost
  // what one does; Hono hashes and compares every configured token per request (about 1 s with 10,000 here, so it
  // runs with 100).
  const list = (n: number) => Array.from({ length: n }, (_, i) => `${token}-${i}`);
  const many = {
    ours: app(bearerAuth({ token: list(10_000), realm: 'api' })),
    one: app(bearerAuth({ token, realm: 'api' })),
    hono: app(honoBearerAuth({ token: list(100), realm: 'api' })),
  };
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
  const wrong = { authorization: 'Bearer wrong-token-of-some-length-0123456789' };
  for (const subject of Object.values(many)) {
    if ((await subject.request('/api/me', { headers: wrong })).status !== 401) throw new Error('static token lists: expected 401');
  }
  await compare(
    'Hono app, long static token lists, wrong token: @authheaders/bearer/hono (10,000 tokens) vs itself (1) and hono/bearer-auth (100)',
    { name: '@authheaders/bearer/hono (10,000 tokens)', fn: () => many.ours.request('/api/me', { headers: wrong }) },
    [
      { name: '@authheaders/bearer/hono (1 token)', fn: () => many.one.request('/api/me', { headers: wrong }) },
      { name: 'hono/bearer-auth (100 tokens)', fn: () => many.hono.request('/api/me', { headers: wrong }) },
    ],
  );
}
