export { bearerAuth, type AuthenticatedRequest } from './bearer-auth';
export type { ExpressAuthenticatedRequest, ExpressAuthInfo } from './express-request';
