// A messaging gateway on Hono: the session API takes a raw key in a custom header; the webhook uses a header name
// from the environment, and the admin routes use Hono's default (Authorization).
import { Hono } from 'hono';
import { logger } from 'hono/logger';
import { bearerAuth } from 'hono/bearer-auth';
import { bearerAuth as bearerAuthWithAliases } from '@authheaders/bearer/hono';

const app = new Hono();
app.use(logger());

const apiKeys = (process.env.API_KEYS ?? '').split(',').filter(Boolean);

app.use('/sessions/*', bearerAuthWithAliases({ token: apiKeys, legacyHeaderAliases: ['x-gateway-key'], prefix: '' }));
app.use('/webhook/*', bearerAuth({ token: apiKeys, /* legacy-header-aliases: headerName is chosen at run time, where Authorization may carry something else; migrate by hand */ headerName: process.env.WEBHOOK_HEADER ?? 'x-webhook-key' }));
app.use('/admin/*', bearerAuth({ token: process.env.ADMIN_TOKEN ?? '' }));

app.post('/sessions/:id/messages', async (c) => {
  const body = await c.req.json<{ to: string; text: string }>();
  return c.json({ queued: true, to: body.to, session: c.req.param('id') });
});

export default app;
