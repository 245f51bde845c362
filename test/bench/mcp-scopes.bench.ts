import { createBearerAuthenticator, withBearerAuth } from '@authheaders/bearer/fetch';
import { mcpScopes } from '@authheaders/bearer/mcp';
import { compare } from './support/compare';

/**
 * The per-request cost of scopes per tool: a `tools/call` checked against an `mcpScopes` table, next to the same
 * call with a fixed `requiredScopes` (which reads no body). In the engine alone (the message already parsed), and
 * through `withBearerAuth`, where the table also costs the bounded body read, the JSON parse and the fresh Request.
 */
const table = mcpScopes({
  default: ['mcp:basic'],
  public: ['initialize', 'notifications/initialized', 'ping', 'tools/list'],
  tools: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`tool_${i}`, [`files:scope${i % 5}`]])),
});
const granted = ['mcp:basic', 'files:scope0', 'files:scope1', 'files:scope2', 'files:scope3', 'files:scope4'];
const validateToken = async (token: string) => (token === 'good-token' ? { subject: 'alice', scopes: granted } : null);
const options = { realm: 'mcp', resourceMetadata: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp', validateToken };

const message = { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'tool_17', arguments: { path: 'notes/a.txt' } } };
const batch = Array.from({ length: 10 }, (_, i) => ({ ...message, id: i, params: { ...message.params, name: `tool_${i}` } }));
const body = JSON.stringify(message);
const headers = { authorization: 'Bearer good-token', 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

export async function run(): Promise<void> {
  const fixed = createBearerAuthenticator({ ...options, requiredScopes: ['mcp:basic', 'files:scope2'] });
  const byTable = createBearerAuthenticator({ ...options, requiredScopes: table });
  const narrow = createBearerAuthenticator({ ...options, validateToken: async () => ({ scopes: ['mcp:basic'] }), requiredScopes: table });
  // The engine's third argument, built once as an adapter builds one per request: the body reader.
  const withMessage = { body: () => message };
  const withBatch = { body: () => batch };
  await compare(
    'the engine in process: one tools/call, its message parsed (one op = one request, awaited)',
    { name: 'fixed requiredScopes', fn: () => fixed(headers, undefined) },
    [
      { name: 'mcpScopes table (50 tools)', fn: () => byTable(headers, undefined, withMessage) },
      { name: 'mcpScopes, a batch of 10 calls', fn: () => byTable(headers, undefined, withBatch) },
      { name: 'mcpScopes, 403 naming the call\'s scopes', fn: () => narrow(headers, undefined, withMessage) },
    ],
  );

  const ok = () => new Response('ok');
  const fixedHandler = withBearerAuth(ok, { ...options, requiredScopes: ['mcp:basic', 'files:scope2'] });
  const tableHandler = withBearerAuth(ok, { ...options, requiredScopes: table });
  const request = () => new Request('http://127.0.0.1/mcp', { method: 'POST', headers, body });
  await compare(
    'withBearerAuth, a Request with a tools/call body (one op = one request, awaited)',
    { name: 'fixed requiredScopes (body not read)', fn: () => fixedHandler(request()) },
    [{ name: 'mcpScopes table (body read, parsed, a fresh Request)', fn: () => tableHandler(request()) }],
  );
}
