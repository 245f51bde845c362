import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { DemoInMemoryAuthProvider } from '@modelcontextprotocol/sdk/examples/server/demoInMemoryOAuthProvider.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { getOAuthProtectedResourceMetadataUrl, mcpAuthRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import type { LoopbackServer } from './loopback-server';

/**
 * The MCP TypeScript SDK's own OAuth example, on one loopback port: its demo authorization server
 * (`DemoInMemoryAuthProvider` behind `mcpAuthRouter`, with RFC 7591 registration) and the resource behind
 * `requireBearerAuth` with the provider as verifier, as the SDK's example server wires them. Real SDK code, not a
 * copy: whatever it answers is what the SDK answers.
 */
export async function startSdkOAuthExample(): Promise<LoopbackServer & { resource: string }> {
  const app = express();
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const resource = `${origin}/mcp`;
  const provider = new DemoInMemoryAuthProvider();
  app.use(mcpAuthRouter({ provider, issuerUrl: new URL(origin), resourceServerUrl: new URL(resource), scopesSupported: ['mcp:tools'] }));
  app.all('/mcp', requireBearerAuth({ verifier: provider, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(new URL(resource)) }), (_req, res) => {
    res.json({ jsonrpc: '2.0', id: 1, result: {} });
  });
  return {
    origin,
    resource,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
