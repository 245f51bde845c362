// Interop: `authheaders check` against a reference MCP server built the way the MCP TypeScript SDK's own OAuth
// example builds one (mcpAuthRouter with its in-memory authorization server, requireBearerAuth on the MCP endpoint).
// What the MCP specification allows must not be flagged above low; what stops a client must be: the SDK answers an
// unknown token with 500 and no challenge, so a client whose token expires never signs in again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAuthAdvertisement, type CheckReport } from '@authheaders/cli';
import { loopbackOnlyLookup } from '../../packages/cli/test/support/loopback-only-lookup';
import { startSdkOAuthExample } from '../../packages/cli/test/support/sdk-oauth-example';

describe('authheaders check against the MCP SDK reference server', () => {
  let server: Awaited<ReturnType<typeof startSdkOAuthExample>>;
  let report: CheckReport;
  beforeAll(async () => {
    server = await startSdkOAuthExample();
    const lookup = loopbackOnlyLookup();
    report = await checkAuthAdvertisement(server.resource, { lookup });
    expect(lookup.violations).toEqual([]);
  });
  afterAll(() => server.close());

  it('walks the whole funnel: challenge, a made-up token, CORS, both metadata documents, registration, the token endpoint', () => {
    expect(report.trace.map((t) => `${t.method} ${new URL(t.url).pathname} ${t.status}`)).toEqual([
      'POST /mcp 401',
      'GET /mcp 401',
      'POST /mcp 500',
      'POST /mcp 401',
      'OPTIONS /mcp 401',
      'GET /.well-known/oauth-protected-resource/mcp 200',
      'GET /.well-known/oauth-authorization-server 200',
      'POST /token 400',
    ]);
    expect(report.clientRegistration).toEqual({ dynamicRegistration: true, clientIdMetadataDocument: false });
  });

  it('fails on the 500 to an unknown token only, and reports nothing else above low: what MCP allows is allowed', () => {
    expect(report.ok).toBe(false);
    expect(report.primary?.code).toBe('INVALID_TOKEN_NOT_CHALLENGED');
    // The SDK's challenge carries error="invalid_token" even without credentials, and neither realm nor scope; the
    // SDK answers no CORS (its OPTIONS gets the same 401).
    expect(report.findings.map((f) => `${f.severity}:${f.code}`)).toEqual([
      'high:INVALID_TOKEN_NOT_CHALLENGED',
      'low:SCOPE_MISSING',
      'low:ERROR_WITHOUT_CREDENTIALS',
      'info:REALM_MISSING',
      'info:CORS_NOT_ENABLED',
    ]);
  });
});
