import { BearerTokenAuthMiddleware } from '@acme/mcp-auth';

export const auth = new BearerTokenAuthMiddleware({
  verifier,
  mcpHeaderName: "x-mcp-token",
  mcpBearerPrefixRequired: true,
  requiredScopes: ["mcp:tools"],
});
