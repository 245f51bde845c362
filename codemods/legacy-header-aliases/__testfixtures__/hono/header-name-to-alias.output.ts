import { Hono } from 'hono';
import { bearerAuth } from '@authheaders/bearer/hono';

const app = new Hono();

// Clients send `X-Api-Key: Bearer <token>`; after the migration Authorization: Bearer works too.
app.use('/api/*', bearerAuth({ token: process.env.API_TOKEN!, legacyHeaderAliases: ['X-Api-Key'], legacyAliasesBearerPrefixRequired: true }));

app.get('/api/page', (c) => c.json({ message: 'You are authorized' }));

export default app;
