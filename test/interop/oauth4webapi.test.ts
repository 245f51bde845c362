// Interop: oauth4webapi parses our challenges (WWWAuthenticateChallengeError.cause) to the same parameters, and
// validates our RFC 9728 metadata document.
import * as oauth from 'oauth4webapi';
import { parseChallenges } from '@authheaders/www-authenticate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInDemoUser, startDemoServer, type DemoServer } from '@authheaders/cli';

// The demo's tool that needs mcp:write: a token with mcp:read only gets 403 for it.
const ADD_NOTE = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'add-note', arguments: {} } });
const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

async function challengesSeenByOauth4webapi(url: string, token: string) {
  try {
    await oauth.protectedResourceRequest(token, 'POST', new URL(url), new Headers(MCP_HEADERS), ADD_NOTE, { [oauth.allowInsecureRequests]: true });
  } catch (error) {
    if (error instanceof oauth.WWWAuthenticateChallengeError) return { challenges: error.cause, status: error.status };
    throw error;
  }
  throw new Error('expected a WWW-Authenticate challenge');
}

describe('oauth4webapi against our middleware', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer();
  });
  afterAll(() => server.close());

  it.each([
    ['an unknown token', async () => 'nope', 401],
    ['a token without the scope', () => signInDemoUser(server.resource, 'mcp:read'), 403],
  ])('reads the same parameters as we do for %s', async (_what, tokenOf, status) => {
    const token = await tokenOf();
    const request = { method: 'POST', headers: { ...MCP_HEADERS, authorization: `Bearer ${token}` }, body: ADD_NOTE };
    const raw = (await fetch(server.resource, request)).headers.get('www-authenticate');
    const ours = parseChallenges(raw);
    const theirs = await challengesSeenByOauth4webapi(server.resource, token);
    expect(theirs.status).toBe(status);
    expect(theirs.challenges).toHaveLength(ours.length);
    expect(theirs.challenges[0]!.scheme).toBe(ours[0]!.scheme.toLowerCase());
    expect({ ...theirs.challenges[0]!.parameters }).toEqual({ ...ours[0]!.params });
  });

  it('accepts our protected resource metadata document', async () => {
    const response = await fetch(server.metadataUrl);
    const metadata = await oauth.processResourceDiscoveryResponse(new URL(server.resource), response);
    expect(metadata.resource).toBe(server.resource);
  });
});
