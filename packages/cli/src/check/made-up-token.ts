import { randomBytes } from 'node:crypto';

/**
 * A made-up access token: 32 characters of base64url from 24 random bytes, a valid RFC 6750 §2.1 b64token
 * (`ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/"`) that no server issued. Each check draws a new one; it is never
 * a real token, and the report redacts it like `--token` all the same.
 */
export function madeUpToken(): string {
  return randomBytes(24).toString('base64url');
}
