export { requireBearerAuth, type McpAuthenticatedRequest, type McpBearerAuthOptions } from './require-bearer-auth';
export { mcpScopes, type McpScopesOptions, type ScopeTable } from './mcp-scopes';
