import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';

const app = new Hono();

// Clients send `X-Api-Key: Bearer <token>`; after the migration Authorization: Bearer works too.
app.use('/api/*', bearerAuth({ token: process.env.API_TOKEN!, headerName: 'X-Api-Key' }));

app.get('/api/page', (c) => c.json({ message: 'You are authorized' }));

export default app;
