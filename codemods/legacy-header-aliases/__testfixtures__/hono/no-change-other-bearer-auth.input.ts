import { bearerAuth } from '@authheaders/bearer/hono';

// Not Hono's middleware (the adapter already, and a local function): the Hono migration leaves them alone.
export const api = bearerAuth({ token: 't', legacyHeaderAliases: ['x-api-key'] });

function local(bearerAuth: (o: object) => unknown) {
  return bearerAuth({ token: 't', headerName: 'x-api-key' });
}
// hono/bearer-auth is mentioned in this comment only.
export default local;
