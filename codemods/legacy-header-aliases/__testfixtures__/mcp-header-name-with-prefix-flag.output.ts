import { BearerTokenAuthMiddleware } from '@acme/mcp-auth';

export const auth = new BearerTokenAuthMiddleware({
  verifier,
  legacyHeaderAliases: ["x-mcp-token"],
  legacyAliasesBearerPrefixRequired: true,
  requiredScopes: ["mcp:tools"],
});
