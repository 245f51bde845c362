// What the browser tests share: Debian's Chromium, its headless flags, when the tests are skipped, and a page
// script bundled for the browser from the built packages.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const CHROMIUM = '/usr/bin/chromium';
export const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// .ci/run sets this only when Chromium is missing and apt-get cannot install it; otherwise a missing browser fails.
export const skipReason = existsSync(CHROMIUM) ? undefined : process.env.AUTHHEADERS_BROWSER_SKIP_REASON;
if (skipReason !== undefined) console.warn(`browser test skipped: ${skipReason}`);

/** Bundles a page script beside this file for the browser: a node: import anywhere in it fails the build. */
export async function bundlePageScript(file: string): Promise<string> {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL(file, import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['browser', 'import'],
    write: false,
    logLevel: 'silent',
  });
  return bundle.outputFiles[0]!.text;
}
