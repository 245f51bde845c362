// A multi-tenant API: the token is checked against the tenant named in the path, through the context, with the
// app's own refusal bodies (a JSON object, a function of the context, a string) and a realm. The environment is
// given to the middleware, as Hono's types need for `c.env` in `verifyToken`.
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';

type Env = { Bindings: { TENANT_TOKENS: Record<string, string> } };

const app = new Hono<Env>();
app.use(
  '/tenants/:tenant/*',
  bearerAuth<Env>({
    verifyToken: async (token, c) => c.env.TENANT_TOKENS[c.req.param('tenant') ?? ''] === token,
    headerName: 'X-Tenant-Token',
    realm: 'tenants',
    noAuthenticationHeader: { message: { error: 'missing_token', hint: 'send X-Tenant-Token' } },
    invalidAuthenticationHeader: { message: 'malformed token header' },
    invalidToken: { message: (c) => ({ error: 'invalid_token', tenant: c.req.param('tenant') ?? null }) },
  }),
);
app.get('/tenants/:tenant/report', (c) => c.json({ tenant: c.req.param('tenant') }));

export default app;
