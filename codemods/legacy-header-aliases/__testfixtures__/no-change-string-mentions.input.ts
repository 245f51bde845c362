// Docs generator: mentions the old option names only inside strings and comments.
export const notes = [
  'headerName was renamed to legacyHeaderAliases',
  "mcpHeaderName and mcpBearerPrefixRequired too",
];
export const auth = bearerAuth({ legacyHeaderAliases: ["x-adcp-auth"], validateToken });
