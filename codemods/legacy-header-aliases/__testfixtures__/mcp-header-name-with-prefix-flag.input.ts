import { BearerTokenAuthMiddleware } from '@authheaders/bearer';

export const auth = new BearerTokenAuthMiddleware({
  verifier,
  mcpHeaderName: "x-mcp-token",
  mcpBearerPrefixRequired: true,
  requiredScopes: ["mcp:tools"],
});
