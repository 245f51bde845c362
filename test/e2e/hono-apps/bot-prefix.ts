// A chat bot gateway: `X-Bot-Token: Bot <token>`, a realm, and a list of tokens (one per bot).
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';

const BOT_TOKENS = ['bot-alpha.1', 'bot-beta/2'];

const app = new Hono();
app.use(
  '/bots/*',
  bearerAuth({
    token: BOT_TOKENS,
    headerName: 'X-Bot-Token',
    prefix: 'Bot',
    realm: 'bots',
  }),
);
app.post('/bots/send', (c) => c.json({ sent: true }));

export default app;
