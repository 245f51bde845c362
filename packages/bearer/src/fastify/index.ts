export { bearerAuth, bearerAuthHook, type FastifyBearerAuthOptions } from './bearer-auth';
