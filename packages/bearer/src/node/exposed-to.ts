import type { ServerResponse } from 'node:http';
import { withExposedHeaders } from '../cors';

/**
 * An answer's headers for `res.writeHead` or `res.setHeader`, its `Access-Control-Expose-Headers` merged with what
 * an earlier CORS middleware (Express's `cors()`) set on `res`: writing ours would replace that value otherwise.
 */
export function exposedTo(res: ServerResponse, headers: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  return withExposedHeaders(headers, res.getHeader('access-control-expose-headers'));
}
