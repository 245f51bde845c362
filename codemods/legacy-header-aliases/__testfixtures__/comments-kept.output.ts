import { bearerAuth } from '@authheaders/bearer';

export const auth = bearerAuth({
  // Our older SDKs still send the token here; remove after v3.
  legacyHeaderAliases: ['x-adcp-auth'],
  /* checked against the session store */
  validateToken,
});
