import type { DocumentRule } from './document-rule';
import { isSecureOrLoopback } from './url-policy';

/** What the authorization server metadata rules look at. */
export interface AuthorizationServerFacts {
  metadata: Record<string, unknown>;
  /** The authorization server URL the resource's metadata named (the issuer the client expects). */
  issuer: URL;
  /** The resource identifier: the metadata's `resource`, else the URL probed. */
  resource: string;
  target: URL;
  insecureHttp: boolean;
}

/** The endpoints RFC 8414 §2 requires to be absolute https URLs (RFC 6749 §3.1 for the two OAuth endpoints). */
export const AUTHORIZATION_SERVER_ENDPOINTS = ['authorization_endpoint', 'token_endpoint', 'registration_endpoint', 'jwks_uri'] as const;

const sameUrl = (a: string, b: string): boolean => URL.canParse(a) && URL.canParse(b) && new URL(a).href === new URL(b).href;

/** An endpoint value as a URL a client may call: absolute https, or http on loopback (or anywhere with insecureHttp). */
export function secureEndpoint(value: unknown, insecureHttp: boolean): URL | undefined {
  if (typeof value !== 'string' || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  return isSecureOrLoopback(url, insecureHttp) ? url : undefined;
}

const hasQueryOrFragment = (issuer: unknown): boolean => typeof issuer === 'string' && URL.canParse(issuer) && (new URL(issuer).search !== '' || issuer.includes('#'));

/**
 * The rules over an authorization server's metadata document (RFC 8414 §2 and §3.3, RFC 7636, RFC 9728 §4, RFC 7591,
 * MCP client ID metadata documents), in the order they are reported.
 */
export const AUTHORIZATION_SERVER_METADATA_RULES: ReadonlyArray<DocumentRule<AuthorizationServerFacts>> = [
  {
    code: 'ISSUER_INVALID',
    check: ({ metadata }) =>
      hasQueryOrFragment(metadata.issuer) ? [{ message: 'The issuer has a query or fragment component; RFC 8414 §2 forbids both.', evidence: `issuer: ${String(metadata.issuer)}` }] : [],
  },
  {
    code: 'ISSUER_MISMATCH',
    check: ({ metadata, issuer }) => {
      const value = metadata.issuer;
      if (hasQueryOrFragment(value) || (typeof value === 'string' && sameUrl(value, issuer.href))) return [];
      return [{ message: `The metadata's issuer is not ${issuer.href}; RFC 8414 §3.3 requires clients to reject it.`, evidence: `issuer: ${typeof value === 'string' ? value : '(missing)'}` }];
    },
  },
  {
    code: 'AUTHORIZATION_ENDPOINT_MISSING',
    check: ({ metadata }) =>
      metadata.authorization_endpoint === undefined ? [{ message: 'The metadata has no authorization_endpoint (RFC 8414 §2): the authorization-code flow cannot start.' }] : [],
  },
  {
    code: 'TOKEN_ENDPOINT_MISSING',
    check: ({ metadata }) => (metadata.token_endpoint === undefined ? [{ message: 'The metadata has no token_endpoint (RFC 8414 §2).' }] : []),
  },
  {
    code: 'RESPONSE_TYPE_CODE_MISSING',
    check: ({ metadata }) => {
      const types = metadata.response_types_supported;
      if (Array.isArray(types) && types.includes('code')) return [];
      return [{ message: 'response_types_supported is required and must list code for the authorization-code flow (RFC 8414 §2).', evidence: `response_types_supported: ${JSON.stringify(types ?? null)}` }];
    },
  },
  {
    code: 'ENDPOINT_NOT_HTTPS',
    check: ({ metadata, insecureHttp }) =>
      AUTHORIZATION_SERVER_ENDPOINTS.filter((name) => metadata[name] !== undefined && secureEndpoint(metadata[name], insecureHttp) === undefined).map((name) => ({
        message: `${name} is not an absolute https URL (RFC 8414 §2); loopback http aside, clients refuse it.`,
        evidence: `${name}: ${JSON.stringify(metadata[name])}`,
        ...(typeof metadata[name] === 'string' ? { url: metadata[name] } : {}),
      })),
  },
  {
    code: 'PKCE_S256_NOT_ADVERTISED',
    check: ({ metadata }) => {
      const methods = metadata.code_challenge_methods_supported;
      if (Array.isArray(methods) && methods.includes('S256')) return [];
      return [{ message: 'code_challenge_methods_supported does not list S256 (RFC 7636); MCP clients must refuse to proceed.', evidence: `code_challenge_methods_supported: ${JSON.stringify(methods ?? null)}` }];
    },
  },
  {
    code: 'PROTECTED_RESOURCES_MISMATCH',
    check: ({ metadata, resource, target }) => {
      const listed = metadata.protected_resources;
      if (!Array.isArray(listed) || listed.some((r) => typeof r === 'string' && (sameUrl(r, resource) || sameUrl(r, target.href)))) return [];
      return [{ message: `The authorization server's protected_resources (RFC 9728 §4) does not list ${resource}.` }];
    },
  },
  {
    code: 'CLIENT_REGISTRATION_UNAVAILABLE',
    check: ({ metadata, insecureHttp }) => {
      if (secureEndpoint(metadata.registration_endpoint, insecureHttp) !== undefined || metadata.client_id_metadata_document_supported === true) return [];
      return [
        {
          message:
            'Neither dynamic client registration (registration_endpoint, RFC 7591) nor client ID metadata documents (client_id_metadata_document_supported, MCP 2025-11-25): only pre-registered clients can sign in.',
        },
      ];
    },
  },
];
