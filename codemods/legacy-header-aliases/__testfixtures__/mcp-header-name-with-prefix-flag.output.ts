import { BearerTokenAuthMiddleware } from '@authheaders/bearer';

export const auth = new BearerTokenAuthMiddleware({
  verifier,
  legacyHeaderAliases: ["x-mcp-token"],
  legacyAliasesBearerPrefixRequired: true,
  requiredScopes: ["mcp:tools"],
});
