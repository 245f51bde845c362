// An MCP server on the SDK's own middleware; its tool settings have a headerName of their own.
import express from 'express';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { verifier } from './verifier';

const upstream = { baseUrl: 'http://127.0.0.1:8080', headerName: 'x-upstream-key', timeoutMs: 5000 };

const server = new McpServer({ name: 'proxy', version: '0.3.0' });
server.tool('fetch', { description: `Calls ${upstream.baseUrl}` }, async () => ({ content: [{ type: 'text', text: 'ok' }] }));

const app = express();
app.post('/mcp', requireBearerAuth({ verifier, requiredScopes: ['mcp'] }), (_req, res) => {
  res.json({ upstream: upstream.headerName });
});
upstream.headerName = process.env.UPSTREAM_HEADER ?? upstream.headerName;

export default app;
