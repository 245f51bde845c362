import { describe, expect, it } from 'vitest';
import { authorizationMayCarrySomethingElse } from '../src/migrate-hono-bearer-auth';
import { migrateHonoSource } from '../src/migrate-hono-source';
import { migrateSource } from '../src/migrate-source';

const HONO = `import { bearerAuth } from 'hono/bearer-auth';\n`;

describe('migrateHonoSource', () => {
  it('tells header names that suggest Authorization carries something else from plain legacy ones', () => {
    for (const name of ['X-Proxy-Authorization', 'Proxy-Authorization', 'X-Serverless-Authorization', 'Cf-Access-Jwt-Assertion', 'X-Forwarded-Access-Token', 'X-Amzn-Oidc-Data', 'X-Ms-Token-Aad-Access-Token']) {
      expect([name, authorizationMayCarrySomethingElse(name)]).toEqual([name, true]);
    }
    for (const name of ['X-Api-Key', 'x-adcp-auth', 'X-Auth-Token', 'Authorization', 'authorization']) {
      expect([name, authorizationMayCarrySomethingElse(name)]).toEqual([name, false]);
    }
  });

  it('adds the second import under a name the file does not use yet', () => {
    const source = `${HONO}const bearerAuthWithAliases = 1;\napp.use('/a/*', bearerAuth({ token }));\napp.use('/b/*', bearerAuth({ token, headerName: 'x-a', prefix: 'Bot' }));\n`;
    const { output } = migrateHonoSource(source);
    expect(output).toContain(`import { bearerAuth as bearerAuthWithAliases2 } from '@authheaders/bearer/hono';`);
    expect(output).toContain(`app.use('/b/*', bearerAuthWithAliases2({ token, legacyHeaderAliases: ['x-a'], prefix: 'Bot' }));`);
    expect(output).toContain(`app.use('/a/*', bearerAuth({ token }));`);
  });

  it('switches the import when a const options object is shared by every call', () => {
    const source = `${HONO}const opts = { token, headerName: 'x-a' };\napp.use('/a', bearerAuth(opts));\napp.use('/b', bearerAuth(opts));\n`;
    expect(migrateHonoSource(source).output).toBe(
      `import { bearerAuth } from '@authheaders/bearer/hono';\nconst opts = { token, legacyHeaderAliases: ['x-a'], legacyAliasesBearerPrefixRequired: true };\n` +
        `app.use('/a', bearerAuth(opts));\napp.use('/b', bearerAuth(opts));\n`,
    );
  });

  it('keeps the Hono import when the middleware is also used another way, and reports options it cannot see', () => {
    const source = `${HONO}export const guard = bearerAuth;\napp.use('/a/*', bearerAuth({ token, headerName: 'x-a' }));\napp.use('/b/*', bearerAuth(loadOptions()));\n`;
    const result = migrateHonoSource(source);
    expect(result.output).toContain(HONO);
    expect(result.output).toContain('bearerAuthWithAliases({ token, legacyHeaderAliases');
    expect(result.reports).toEqual([
      { line: 4, kind: 'unseen', reason: 'the options of this bearerAuth are built elsewhere; check them for headerName by hand' },
    ]);
  });

  it('leaves an empty header name (Hono reads Authorization then), and marks one that is not a header name', () => {
    const empty = `${HONO}app.use(bearerAuth({ token, headerName: '' }));\n`;
    expect(migrateHonoSource(empty)).toEqual({ output: empty, changed: false, reports: [] });
    const invalid = migrateHonoSource(`${HONO}app.use(bearerAuth({ token, headerName: 'x api key' }));\n`);
    expect(invalid.output).toContain(`/* legacy-header-aliases: "x api key" is not a header name (RFC 9110 §5.1): as an alias it would throw; migrate by hand */ headerName: 'x api key'`);
    expect(invalid.output).toContain(HONO);
    const hostile = migrateHonoSource(`${HONO}app.use(bearerAuth({ token, headerName: 'x*/\\u001b[2J' }));\n`);
    expect(hostile.reports[0]!.reason).toBe('"x*/\\u001b[2J" is not a header name (RFC 9110 §5.1): as an alias it would throw; migrate by hand');
    expect(hostile.output).toContain('/* legacy-header-aliases: "x* /\\u001b[2J" is not a header name');
  });

  it('leaves a local function that shadows the import, and calls without headerName', () => {
    const source = `${HONO}function f(bearerAuth: Function) { return bearerAuth({ headerName: 'x-a' }); }\napp.use(bearerAuth({ token }));\n`;
    expect(migrateHonoSource(source)).toEqual({ output: source, changed: false, reports: [] });
  });

  it('is not what the default migration does: that one never touches Hono calls, and points to --hono', () => {
    const source = `${HONO}app.use(bearerAuth({ token, headerName: 'x-a' }));\n`;
    const result = migrateSource(source);
    expect(result.changed).toBe(false);
    expect(result.reports).toEqual([
      { line: 2, kind: 'unseen', reason: "Hono's bearerAuth reads only headerName, never Authorization: run the Hono migration (--hono)" },
    ]);
    expect(migrateSource(migrateHonoSource(source).output)).toMatchObject({ changed: false, reports: [] });
  });
});
