export { bearerAuth, type AuthenticatedRequest } from './bearer-auth';
