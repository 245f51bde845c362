// A browser-based MCP client on a page of another origin (another loopback port) calls a protected endpoint: it
// reads `scope` and `resource_metadata` from the 401 because the middleware lists WWW-Authenticate in
// Access-Control-Expose-Headers; the same endpoint with `cors: false` gives it a 401 whose challenge it cannot see.
// Debian's Chromium, headless; every request goes to 127.0.0.1.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import cors from 'cors';
import express from 'express';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { protectedResourceMetadataUrl } from '@authheaders/bearer';
import { mcpScopes } from '@authheaders/bearer/mcp';
import { bearerAuth } from '@authheaders/bearer/node';
import { bundlePageScript, CHROMIUM, FLAGS, skipReason } from './chromium';

const servers: Server[] = [];
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  for (const server of servers) await new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
});
async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe.skipIf(skipReason !== undefined)('a cross-origin page in Chromium', () => {
  it('reads scope and resource_metadata from the 401 only when WWW-Authenticate is exposed', async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`).toBe(true);
    const script = await bundlePageScript('./cors-page-script.ts');
    const page = await listen((req, res) => {
      if (req.url === '/app.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><title>client</title><script type="module" src="/app.js"></script>');
    });

    const app = express();
    const api = await listen(app);
    const options = {
      realm: 'mcp',
      resourceMetadata: protectedResourceMetadataUrl(`${api}/mcp`),
      requiredScopes: mcpScopes({ default: ['mcp:basic'], tools: { read_file: ['files:read'] } }),
      validateToken: () => null,
    };
    // The application's CORS: the page's origin may call, with Authorization and a JSON body.
    app.use(cors({ origin: page, allowedHeaders: ['Authorization', 'Content-Type'] }));
    app.post('/mcp', bearerAuth(options), (_req, res) => void res.end('ok'));
    app.post('/hidden', bearerAuth({ ...options, cors: false }), (_req, res) => void res.end('ok'));

    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
    const tab = await browser.newPage();
    await tab.goto(`${page}/?api=${encodeURIComponent(api)}`);
    await tab.waitForFunction(() => (globalThis as { __results?: unknown }).__results !== undefined, undefined, { timeout: 15_000 });
    const results = await tab.evaluate(() => (globalThis as { __results?: unknown }).__results);
    expect(page).not.toBe(api);
    // Exposed: the page reads the challenge, as the MCP client does to find the authorization server.
    expect(results).toMatchObject({
      exposed: { status: 401, scope: ['mcp:basic', 'files:read'], resourceMetadata: `${api}/.well-known/oauth-protected-resource/mcp` },
      // Not exposed: the same 401 reaches the page, its challenge does not (headers.get gives null).
      hidden: { status: 401, header: null, scope: null, resourceMetadata: null },
    });
    expect((results as { exposed: { header: string } }).exposed.header).toMatch(/^Bearer realm="mcp"/);
    // What the server sent on the hidden route held the challenge: only the browser kept it from the page.
    const direct = await fetch(`${api}/hidden`, { method: 'POST', headers: { origin: page, 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"read_file"}}' });
    expect(direct.headers.get('www-authenticate')).toContain('scope="mcp:basic files:read"');
    expect(direct.headers.get('access-control-expose-headers')).toBeNull();
  }, 60_000);
});
