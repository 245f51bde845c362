import { randomBytes } from 'node:crypto';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import { followScriptedConsent, type SignInHop } from './follow-scripted-consent';

/**
 * Where the authorization server sends the browser back. Nothing listens there: the scripted consent stops at this
 * redirect and reads the code from it, so the port is never contacted.
 */
export const DEMO_REDIRECT_URI = 'http://127.0.0.1/oauth/callback';

/**
 * The MCP SDK client's OAuth provider for the demo: an in-memory public client (PKCE, no secret) that registers
 * dynamically and whose "browser" is {@link followScriptedConsent}. When the SDK asks it to redirect the user, it
 * follows the scripted consent and keeps the authorization code for {@link takeAuthorizationCode}.
 */
export class DemoOAuthClientProvider implements OAuthClientProvider {
  /** Every authorization URL the SDK sent the user to, oldest first (its `scope` shows a step-up). */
  readonly authorizationRequests: URL[] = [];
  #client: OAuthClientInformationMixed | undefined;
  #tokens: OAuthTokens | undefined;
  #verifier = '';
  #state = '';
  #code: string | undefined;
  readonly #onHop: (hop: SignInHop) => void;

  constructor(onHop: (hop: SignInHop) => void = () => {}) {
    this.#onHop = onHop;
  }

  get redirectUrl(): string {
    return DEMO_REDIRECT_URI;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'authheaders demo client',
      redirect_uris: [DEMO_REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }

  state(): string {
    this.#state = randomBytes(16).toString('base64url');
    return this.#state;
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    return this.#client;
  }

  saveClientInformation(information: OAuthClientInformationMixed): void {
    this.#client = information;
  }

  tokens(): OAuthTokens | undefined {
    return this.#tokens;
  }

  saveTokens(tokens: OAuthTokens): void {
    this.#tokens = tokens;
  }

  saveCodeVerifier(verifier: string): void {
    this.#verifier = verifier;
  }

  codeVerifier(): string {
    return this.#verifier;
  }

  async redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    this.authorizationRequests.push(authorizationUrl);
    const answer = await followScriptedConsent(authorizationUrl, DEMO_REDIRECT_URI, this.#onHop);
    const code = answer.get('code');
    if (answer.get('state') !== this.#state) throw new Error('demo sign-in: the state of the answer does not match the request');
    if (code === null) throw new Error(`demo sign-in: the authorization server refused (${answer.get('error') ?? 'no code'})`);
    this.#code = code;
  }

  /** The code of the last completed sign-in, once: hand it to the transport's `finishAuth`. */
  takeAuthorizationCode(): string {
    const code = this.#code;
    if (code === undefined) throw new Error('demo sign-in: no authorization code is waiting');
    this.#code = undefined;
    return code;
  }
}
