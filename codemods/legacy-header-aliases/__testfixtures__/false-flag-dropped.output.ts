import { bearerAuth } from '@authheaders/bearer';

// false is the default: the flag goes, with or without a header name.
export const a = bearerAuth({ validateToken });

export const b = bearerAuth({
  validateToken,
});
