// A Hono app that uses the default Authorization header: nothing to migrate.
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { HTTPException } from 'hono/http-exception';

const app = new Hono();
const token = process.env.TOKEN ?? 'dev-token';

app.use('/api/*', bearerAuth({ token, realm: 'api' }));
app.onError((err, c) => (err instanceof HTTPException ? err.getResponse() : c.text('error', 500)));
app.get('/api/me', (c) => c.json({ user: 'demo' }));

export default app;
