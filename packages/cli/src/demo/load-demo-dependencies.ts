import type { jwtAccessTokenValidator } from '@authheaders/bearer/jwt';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

/** What the demo needs beyond the CLI's own dependencies. */
export interface DemoDependencies {
  McpServer: typeof McpServer;
  StreamableHTTPServerTransport: typeof StreamableHTTPServerTransport;
  Client: typeof Client;
  StreamableHTTPClientTransport: typeof StreamableHTTPClientTransport;
  UnauthorizedError: typeof import('@modelcontextprotocol/sdk/client/auth.js').UnauthorizedError;
  auth: typeof import('@modelcontextprotocol/sdk/client/auth.js').auth;
  jwtAccessTokenValidator: typeof jwtAccessTokenValidator;
}

/**
 * Loads the demo's optional peer dependencies (`@modelcontextprotocol/sdk`, `jose` through `@authheaders/bearer/jwt`,
 * and `oidc-provider`, loaded by the authorization server) when the demo runs, so the other commands, and importing
 * the CLI, never need them. A clone of the repository has them; an installed CLI says what to install.
 */
export async function loadDemoDependencies(): Promise<DemoDependencies> {
  try {
    const [server, serverTransport, client, clientTransport, auth, jwt] = await Promise.all([
      import('@modelcontextprotocol/sdk/server/mcp.js'),
      import('@modelcontextprotocol/sdk/server/streamableHttp.js'),
      import('@modelcontextprotocol/sdk/client/index.js'),
      import('@modelcontextprotocol/sdk/client/streamableHttp.js'),
      import('@modelcontextprotocol/sdk/client/auth.js'),
      import('@authheaders/bearer/jwt'),
    ]);
    return {
      McpServer: server.McpServer,
      StreamableHTTPServerTransport: serverTransport.StreamableHTTPServerTransport,
      Client: client.Client,
      StreamableHTTPClientTransport: clientTransport.StreamableHTTPClientTransport,
      UnauthorizedError: auth.UnauthorizedError,
      auth: auth.auth,
      jwtAccessTokenValidator: jwt.jwtAccessTokenValidator,
    };
  } catch {
    throw new Error(
      'authheaders demo needs @modelcontextprotocol/sdk, jose and oidc-provider: run it from a clone of the repository, or install them',
    );
  }
}
