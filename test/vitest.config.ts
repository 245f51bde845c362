import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  resolve: {
    // Unit and property tests run against the sources; packaging tests exercise the built tarballs.
    alias: {
      '@authheaders/www-authenticate': `${root}packages/www-authenticate/src/index.ts`,
      '@authheaders/bearer/fetch': `${root}packages/bearer/src/fetch/index.ts`,
      '@authheaders/bearer/node': `${root}packages/bearer/src/node/index.ts`,
      '@authheaders/bearer/jwt': `${root}packages/bearer/src/jwt/index.ts`,
      '@authheaders/bearer/hono': `${root}packages/bearer/src/hono/index.ts`,
      '@authheaders/bearer/mcp': `${root}packages/bearer/src/mcp/index.ts`,
      '@authheaders/bearer/proxy': `${root}packages/bearer/src/proxy/index.ts`,
      '@authheaders/bearer/fastify': `${root}packages/bearer/src/fastify/index.ts`,
      '@authheaders/bearer/dpop': `${root}packages/bearer/src/dpop/index.ts`,
      '@authheaders/bearer/redis': `${root}packages/bearer/src/redis/index.ts`,
      '@authheaders/bearer': `${root}packages/bearer/src/index.ts`,
      '@authheaders/cli': `${root}packages/cli/src/index.ts`,
    },
  },
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'codemods/*/test/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    // Type tests (*.test-d.ts) check the published declarations with tsc, through the built packages.
    typecheck: {
      enabled: true,
      include: ['test/types/**/*.test-d.ts'],
      tsconfig: 'test/tsconfig.json',
    },
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 20_000,
  },
});
