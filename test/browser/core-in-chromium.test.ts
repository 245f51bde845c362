// The browser-safe core (@authheaders/www-authenticate and the main entry of @authheaders/bearer), bundled from the
// built packages for the browser, run in Debian's Chromium, and compared with the same computation in Node.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { bundlePageScript, CHROMIUM, FLAGS, skipReason } from './chromium';
import { computeCoreResults } from './page-script';

let server: Server | undefined;
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe.skipIf(skipReason !== undefined)('the core in Chromium', () => {
  it('parses and serializes challenges in a real browser exactly as in Node', async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`).toBe(true);
    // Bundle against the built packages, for the browser: a node: import anywhere in the core fails the build.
    const script = await bundlePageScript('./page-script.ts');
    expect(script).not.toMatch(/from\s*["']node:/);
    server = createServer((req, res) => {
      if (req.url === '/app.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(script);
      } else {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!doctype html><meta charset="utf-8"><title>core</title><body>loading</body><script type="module" src="/app.js"></script>');
      }
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
    const page = await browser.newPage();
    await page.goto(origin);
    await page.waitForFunction(() => (globalThis as { __results?: unknown }).__results !== undefined, undefined, { timeout: 15_000 });
    const inBrowser = await page.evaluate(() => (globalThis as { __results?: unknown }).__results);
    expect(inBrowser).toEqual(JSON.parse(JSON.stringify(computeCoreResults())));
    expect(inBrowser).toMatchObject({ strictError: { code: 'expected-comma', offset: 17 }, protoSafe: true, resolution: true });
  }, 60_000);
});
