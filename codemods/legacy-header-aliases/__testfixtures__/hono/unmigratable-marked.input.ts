import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';

type Env = { Bindings: { AUTH_HEADER: string; TOKEN: string } };
const app = new Hono<Env>();
const header = process.env.AUTH_HEADER;

// Chosen at run time: Authorization may carry something else where this runs.
app.use('/a/*', bearerAuth({ token: 't', headerName: header }));

// Authorization carries the proxy's credentials here.
app.use('/b/*', bearerAuth({ token: 't', headerName: 'X-Proxy-Authorization' }));

// Cloud Run's own IAM token sits in Authorization.
app.use('/c/*', bearerAuth({ token: 't', headerName: 'X-Serverless-Authorization' }));

// The prefix is chosen at run time.
app.use('/d/*', bearerAuth({ token: 't', headerName: 'x-api-key', prefix: process.env.PREFIX }));

export default app;
