// Side by side with mcp-proxy 6.7 (the registry's latest 6.x, a dev dependency of this test only): the same auth
// configuration (realm, scope, error_uri, protected resource) and the same refusal message go through mcp-proxy's real
// HTTP server, and through our relay (relayChallenges over the challenge our serializer writes for those values).
// mcp-proxy builds its header by string concatenation: realm, scope and error_uri go in unescaped, error_description
// escapes `"` but not `\`. What each header gives a client is printed as a README table (bearer README, "Side by side
// with mcp-proxy"): our RFC 9110 reader, and the MCP SDK client's own reader (extractWWWAuthenticateParams).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extractWWWAuthenticateParams } from '@modelcontextprotocol/sdk/client/auth.js';
import { AuthHeaderSyntaxError, parseChallenges, serializeChallenges } from '@authheaders/www-authenticate';
import { startHTTPServer } from 'mcp-proxy';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readBearerChallenge } from '@authheaders/bearer';
import { relayChallenges } from '@authheaders/bearer/proxy';

interface Case {
  name: string;
  realm: string;
  scope: string;
  errorUri: string;
  description: string;
}

const base = { realm: 'mcp', scope: 'mcp:read', errorUri: 'https://example.com/errors/auth', description: 'The token expired' };
const CASES: Case[] = [
  { name: 'plain values', ...base },
  { name: 'a realm with a quote', ...base, realm: 'Acme "prod"' },
  { name: 'a description ending in a backslash', ...base, description: 'Bad key file C:\\' },
  { name: 'a description with quotes', ...base, description: 'The token "tok-1" expired' },
  { name: 'an error_uri with a quote', ...base, errorUri: 'https://example.com/e?q="1"' },
  { name: 'a realm that reads as two parameters', ...base, realm: 'mcp", error="none' },
];

const RESOURCE = 'https://mcp.example.com/mcp';
const METADATA = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';

/** mcp-proxy's real HTTP server, one per case (its realm, scope and error_uri are server options), on an ephemeral port. */
async function mcpProxyChallenge(c: Case): Promise<string> {
  // startHTTPServer does not return its port: catch the server it creates to read the port it was given.
  const spy = vi.spyOn(http, 'createServer');
  const server = await startHTTPServer({
    createServer: async () => {
      throw new Error('never reached: every request is refused first');
    },
    authenticate: async () => ({ authenticated: false, error: c.description }),
    oauth: { realm: c.realm, scope: c.scope, error_uri: c.errorUri, protectedResource: { resource: RESOURCE } },
    host: '127.0.0.1',
    port: 0,
  });
  const httpServer = spy.mock.results[0]!.value as http.Server;
  spy.mockRestore();
  try {
    const response = await fetch(`http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} }),
    });
    expect(response.status).toBe(401);
    return response.headers.get('www-authenticate')!;
  } finally {
    await server.close();
  }
}

/** Ours: the upstream's challenge for the same values, written by the serializer, through the relay. */
function ourChallenge(c: Case): string {
  const upstream = serializeChallenges({
    scheme: 'Bearer',
    params: { realm: c.realm, resource_metadata: 'http://10.1.2.3:3000/.well-known/oauth-protected-resource/mcp', error: 'invalid_token', error_description: c.description, error_uri: c.errorUri, scope: c.scope },
  });
  return relayChallenges(upstream, { resourceMetadata: METADATA })!;
}

function strict(field: string): string {
  try {
    parseChallenges(field);
    return 'valid';
  } catch (error) {
    return `does not parse (${(error as AuthHeaderSyntaxError).code})`;
  }
}

/** What a client reads: our lenient RFC 9110 reader, and the MCP SDK client's reader. */
function read(field: string) {
  const ours = readBearerChallenge(field);
  const sdk = extractWWWAuthenticateParams(new Response(null, { status: 401, headers: { 'www-authenticate': field } }));
  return {
    strict: strict(field),
    realm: ours?.realm,
    errorDescription: ours?.errorDescription,
    errorUri: ours?.errorUri,
    error: ours?.error,
    sdk: { scope: sdk.scope, error: sdk.error, resourceMetadata: sdk.resourceMetadataUrl?.href },
  };
}

const rows: string[] = [];
const cell = (s: unknown) => (s === undefined ? '(none)' : `\`${String(s).replaceAll('|', '\\|')}\``);
afterAll(() => {
  console.log(
    [
      '| values | proxy | field | realm, error, error_description, error_uri read (RFC 9110) | MCP SDK client reads scope, error |',
      '| --- | --- | --- | --- | --- |',
      ...rows,
    ].join('\n'),
  );
});

describe('mcp-proxy 6.7 and our relay, same configuration', () => {
  it.each(CASES)('$name', async (c) => {
    const theirs = await mcpProxyChallenge(c);
    const ours = ourChallenge(c);
    const [a, b] = [read(theirs), read(ours)];
    for (const [proxy, r] of [['mcp-proxy 6.7', a], ['ours', b]] as const) {
      rows.push(`| ${c.name} | ${proxy} | ${r.strict} | ${cell(r.realm)}, ${cell(r.error)}, ${cell(r.errorDescription)}, ${cell(r.errorUri)} | ${cell(r.sdk.scope)}, ${cell(r.sdk.error)} |`);
    }
    // Ours always parses strictly and gives every value back, whatever it holds.
    expect(b).toMatchObject({ strict: 'valid', realm: c.realm, error: 'invalid_token', errorDescription: c.description, errorUri: c.errorUri });
    expect(readBearerChallenge(ours)!.scope).toEqual([c.scope]);
    expect(readBearerChallenge(ours)!.resourceMetadata?.href).toBe(METADATA);
    // The SDK's reader is a regex over the whole field: it finds `error=` inside a quoted realm, ours or not.
    if (!c.realm.includes('error=')) expect(b.sdk).toEqual({ scope: c.scope, error: 'invalid_token', resourceMetadata: METADATA });
    // mcp-proxy: what its string concatenation does to the same values.
    if (c.name === 'plain values' || c.name === 'a description with quotes') {
      expect(a).toMatchObject({ strict: 'valid', realm: c.realm, errorDescription: c.description });
    } else {
      expect(a.strict).not.toBe('valid');
      expect([a.realm, a.errorDescription, a.errorUri]).not.toEqual([c.realm, c.description, c.errorUri]);
    }
  });
});
