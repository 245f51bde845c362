export { requireBearerAuth, type McpAuthenticatedRequest, type McpBearerAuthOptions } from './require-bearer-auth';
