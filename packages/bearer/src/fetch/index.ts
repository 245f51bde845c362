export { createBearerAuthenticator } from '../bearer-auth-core';
export { withBearerAuth } from './with-bearer-auth';
