import { parseSecureUrl, secureUrl } from './is-loopback-host';
import { snakeCase } from './snake-case';

/** The well-known path segment of protected resource metadata (RFC 9728 §3). */
export const PROTECTED_RESOURCE_METADATA_PATH = '/.well-known/oauth-protected-resource';

/**
 * The URL of a resource's metadata document: `/.well-known/oauth-protected-resource` inserted between the host and
 * the resource's path and query, which stay; a trailing `/` of the path is removed and a fragment dropped.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9728#section-3.1 RFC 9728 §3.1
 * @example
 * ```ts
 * protectedResourceMetadataUrl('https://api.example.com/mcp').href;
 * // 'https://api.example.com/.well-known/oauth-protected-resource/mcp'
 * protectedResourceMetadataUrl('https://api.example.com/mcp?tenant=a').href;
 * // 'https://api.example.com/.well-known/oauth-protected-resource/mcp?tenant=a'
 * ```
 */
export function protectedResourceMetadataUrl(resource: string | URL): URL {
  const url = new URL(resource);
  return new URL(`${url.origin}${PROTECTED_RESOURCE_METADATA_PATH}${url.pathname.replace(/\/$/, '')}${url.search}`);
}

/** Options of {@link protectedResourceMetadata}, in camelCase; the document uses the RFC's snake_case names. */
export interface ProtectedResourceMetadataOptions {
  /** The resource identifier: an https URL without a fragment (RFC 9728 §2). */
  resource: string | URL;
  /** Issuer identifiers of the authorization servers that issue tokens for it. */
  authorizationServers?: readonly (string | URL)[];
  scopesSupported?: readonly string[];
  /** How the token may be sent: `header` (RFC 6750 §2.1), `body`, `query`. Default: `['header']`. */
  bearerMethodsSupported?: readonly ('header' | 'body' | 'query')[];
  resourceName?: string;
  resourceDocumentation?: string | URL;
  resourcePolicyUri?: string | URL;
  resourceTosUri?: string | URL;
  jwksUri?: string | URL;
  resourceSigningAlgValuesSupported?: readonly string[];
  /** DPoP (RFC 9449 §5.1). */
  dpopSigningAlgValuesSupported?: readonly string[];
  dpopBoundAccessTokensRequired?: boolean;
  tlsClientCertificateBoundAccessTokens?: boolean;
  /** Any other member, written as given. */
  extra?: Readonly<Record<string, unknown>>;
}

/** The protected resource metadata document (RFC 9728 §2). */
export interface ProtectedResourceMetadata {
  resource: string;
  authorization_servers?: string[];
  scopes_supported?: string[];
  bearer_methods_supported?: string[];
  resource_name?: string;
  resource_documentation?: string;
  resource_policy_uri?: string;
  resource_tos_uri?: string;
  jwks_uri?: string;
  resource_signing_alg_values_supported?: string[];
  dpop_signing_alg_values_supported?: string[];
  dpop_bound_access_tokens_required?: boolean;
  tls_client_certificate_bound_access_tokens?: boolean;
  [member: string]: unknown;
}

function stringList(values: readonly string[], field: string): string[] {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string' || v.length === 0)) {
    throw new TypeError(`${field} must be non-empty strings`);
  }
  return [...values];
}

/** Issuer identifiers (RFC 8414 §2): https URLs without query or fragment, kept as written. */
function issuerList(issuers: readonly (string | URL)[], field: string): string[] {
  return issuers.map((issuer, i) => {
    const url = parseSecureUrl(issuer);
    if (url === undefined || url.search !== '' || url.hash !== '') {
      throw new TypeError(`${field}[${i}] must be an https issuer without query or fragment (RFC 8414 §2)`);
    }
    return String(issuer);
  });
}

function asGiven<T>(value: T): T {
  return value;
}

/**
 * How each option is checked and written, in the order of the document. The member's name is the option's name in
 * snake_case (RFC 9728 §2).
 */
const MEMBERS: Record<string, (value: never, option: string) => unknown> = {
  authorizationServers: issuerList,
  scopesSupported: stringList,
  bearerMethodsSupported: stringList,
  resourceName: asGiven,
  resourceDocumentation: secureUrl,
  resourcePolicyUri: secureUrl,
  resourceTosUri: secureUrl,
  jwksUri: secureUrl,
  resourceSigningAlgValuesSupported: stringList,
  dpopSigningAlgValuesSupported: stringList,
  dpopBoundAccessTokensRequired: asGiven,
  tlsClientCertificateBoundAccessTokens: asGiven,
};

const MEMBER_NAMES = ['resource', ...Object.keys(MEMBERS).map(snakeCase)];

/**
 * Builds a validated protected resource metadata document (RFC 9728 §2), ready for `JSON.stringify` at
 * {@link protectedResourceMetadataUrl}. `resource` must be an https URL without a fragment (http is accepted for
 * loopback hosts, for development); every URL member must be absolute.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9728#section-2 RFC 9728 §2
 * @example
 * ```ts
 * protectedResourceMetadata({
 *   resource: 'https://api.example.com/mcp',
 *   authorizationServers: ['https://auth.example.com'],
 *   scopesSupported: ['files:read'],
 * });
 * // { resource: 'https://api.example.com/mcp', authorization_servers: ['https://auth.example.com'],
 * //   scopes_supported: ['files:read'], bearer_methods_supported: ['header'] }
 * ```
 */
export function protectedResourceMetadata(options: ProtectedResourceMetadataOptions): ProtectedResourceMetadata {
  const resource = parseSecureUrl(options.resource);
  if (resource === undefined || resource.hash !== '' || String(options.resource).includes('#')) {
    throw new TypeError('resource must be an https URL without a fragment (RFC 9728 §2)');
  }
  const document = Object.create(null) as ProtectedResourceMetadata;
  document.resource = String(options.resource);
  const given: Record<string, unknown> = { ...options, bearerMethodsSupported: options.bearerMethodsSupported ?? ['header'] };
  for (const [option, write] of Object.entries(MEMBERS)) {
    if (given[option] !== undefined) document[snakeCase(option)] = write(given[option] as never, option);
  }
  for (const [member, value] of Object.entries(options.extra ?? {})) {
    // Typed members are set only through their options, which check them; any other name is written as given, as
    // an own member of a null-prototype document (`constructor` and `__proto__` included).
    if (MEMBER_NAMES.includes(member)) throw new TypeError(`extra.${member} has its own option`);
    document[member] = value;
  }
  return document;
}
