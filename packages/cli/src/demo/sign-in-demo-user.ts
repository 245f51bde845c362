import { DemoOAuthClientProvider } from './demo-oauth-client';
import type { SignInHop } from './follow-scripted-consent';
import { loadDemoDependencies } from './load-demo-dependencies';

/**
 * Signs the demo user in to `resource` with the MCP SDK's `auth()` (discovery from the resource's metadata,
 * registration, authorization code with PKCE through the scripted consent, token exchange) and returns the JWT
 * access token. For tests and tools that need a real token of the demo without an MCP session.
 */
export async function signInDemoUser(resource: string, scope: string, onHop?: (hop: SignInHop) => void): Promise<string> {
  const { auth } = await loadDemoDependencies();
  const provider = new DemoOAuthClientProvider(onHop);
  if ((await auth(provider, { serverUrl: resource, scope })) !== 'REDIRECT') throw new Error('demo sign-in: expected a redirect');
  const result = await auth(provider, { serverUrl: resource, authorizationCode: provider.takeAuthorizationCode() });
  const token = provider.tokens()?.access_token;
  if (result !== 'AUTHORIZED' || token === undefined) throw new Error('demo sign-in: no access token');
  return token;
}
