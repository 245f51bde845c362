import type { ServerResponse } from 'node:http';
import { mergeExposedHeaders } from '../cors';

/**
 * A refusal's headers for `res.writeHead`, its `Access-Control-Expose-Headers` merged with what an earlier CORS
 * middleware (Express's `cors()`) set on `res`: `writeHead` would replace that value otherwise.
 */
export function exposedTo(res: ServerResponse, headers: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  const ours = headers['access-control-expose-headers'];
  const theirs = res.getHeader('access-control-expose-headers');
  return ours === undefined || theirs === undefined ? headers : { ...headers, 'access-control-expose-headers': mergeExposedHeaders(theirs, [ours]) };
}
