import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';

type Env = { Bindings: { AUTH_HEADER: string; TOKEN: string } };
const app = new Hono<Env>();
const header = process.env.AUTH_HEADER;

// Chosen at run time: Authorization may carry something else where this runs.
app.use('/a/*', bearerAuth({ token: 't', /* legacy-header-aliases: headerName is chosen at run time, where Authorization may carry something else; migrate by hand */ headerName: header }));

// Authorization carries the proxy's credentials here.
app.use('/b/*', bearerAuth({ token: 't', /* legacy-header-aliases: "X-Proxy-Authorization" suggests Authorization carries something else here, and it would be accepted first; migrate by hand */ headerName: 'X-Proxy-Authorization' }));

// Cloud Run's own IAM token sits in Authorization.
app.use('/c/*', bearerAuth({ token: 't', /* legacy-header-aliases: "X-Serverless-Authorization" suggests Authorization carries something else here, and it would be accepted first; migrate by hand */ headerName: 'X-Serverless-Authorization' }));

// The prefix is chosen at run time.
app.use('/d/*', bearerAuth({ token: 't', headerName: 'x-api-key', /* legacy-header-aliases: prefix is chosen at run time; migrate by hand */ prefix: process.env.PREFIX }));

export default app;
