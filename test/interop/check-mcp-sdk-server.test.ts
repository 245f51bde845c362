// Interop: `authheaders check` against a reference MCP server built the way the MCP TypeScript SDK's own OAuth
// example builds one (mcpAuthRouter with its in-memory authorization server, requireBearerAuth on the MCP endpoint).
// What the MCP specification allows must not be flagged: no high finding, nothing above low.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DemoInMemoryAuthProvider } from '@modelcontextprotocol/sdk/examples/server/demoInMemoryOAuthProvider.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { getOAuthProtectedResourceMetadataUrl, mcpAuthRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAuthAdvertisement, type CheckReport } from '@authheaders/cli';
import { loopbackOnlyLookup } from '../../packages/cli/test/support/loopback-only-lookup';

describe('authheaders check against the MCP SDK reference server', () => {
  let server: Server;
  let report: CheckReport;
  beforeAll(async () => {
    const app = express();
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const mcpUrl = new URL(`${origin}/mcp`);
    const provider = new DemoInMemoryAuthProvider();
    app.use(mcpAuthRouter({ provider, issuerUrl: new URL(origin), resourceServerUrl: mcpUrl, scopesSupported: ['mcp:tools'] }));
    app.all('/mcp', requireBearerAuth({ verifier: provider, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(mcpUrl) }), (_req, res) => {
      res.json({ jsonrpc: '2.0', id: 1, result: {} });
    });
    const lookup = loopbackOnlyLookup();
    report = await checkAuthAdvertisement(mcpUrl.href, { lookup });
    expect(lookup.violations).toEqual([]);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('walks the whole funnel: challenge, both metadata documents, registration, the token endpoint', () => {
    expect(report.trace.map((t) => `${t.method} ${new URL(t.url).pathname} ${t.status}`)).toEqual([
      'POST /mcp 401',
      'GET /mcp 401',
      'GET /.well-known/oauth-protected-resource/mcp 200',
      'GET /.well-known/oauth-authorization-server 200',
      'POST /token 400',
    ]);
    expect(report.clientRegistration).toEqual({ dynamicRegistration: true, clientIdMetadataDocument: false });
  });

  it('reports nothing above low: what MCP allows is allowed', () => {
    expect(report.ok).toBe(true);
    expect(report.findings.filter((f) => f.severity === 'high' || f.severity === 'medium')).toEqual([]);
    // The SDK's challenge carries error="invalid_token" even without credentials, and neither realm nor scope.
    expect(report.findings.map((f) => `${f.severity}:${f.code}`)).toEqual(['low:REALM_MISSING', 'low:SCOPE_MISSING', 'low:ERROR_WITHOUT_CREDENTIALS']);
  });
});
