// An MCP server behind @authheaders/bearer: older clients still send the token in x-adcp-auth.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { requireBearerAuth } from '@authheaders/bearer/mcp';
import { verifier } from './verifier';

const server = new McpServer({ name: 'catalog', version: '1.4.0' });
server.tool('search', { description: 'Search the catalog' }, async () => ({ content: [{ type: 'text', text: '[]' }] }));

const app = express();
app.use(express.json());
app.post(
  '/mcp',
  requireBearerAuth({
    verifier,
    requiredScopes: ['catalog:read'],
    mcpHeaderName: 'x-adcp-auth',
    mcpBearerPrefixRequired: false,
  }),
  async (req, res) => {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  },
);

app.listen(3000, '127.0.0.1');
