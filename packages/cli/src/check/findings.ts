/** How much a finding matters: any `high` finding makes `authheaders check` exit 2. */
export type Severity = 'high' | 'medium' | 'low' | 'info';

/** One rule of the check: its severity and the line of the RFC or spec it enforces. */
export interface FindingRule {
  severity: Severity;
  /** The RFC section or MCP specification line the rule enforces. */
  spec: string;
  /** What the rule reports, in a few words. */
  summary: string;
}

/**
 * Every rule of `authheaders check`, by what breaks a client first: severity (high stops a client at first sign-in
 * or when its token is refused), then the client's funnel (first contact, challenge, metadata, authorization
 * server, a refused token). When several findings are high, the first in this table is the primary one (the root
 * cause); MAY-level notes are `info` and never primary. Codes are stable; programs may switch on them.
 * Each rule has a loopback test server that trips it in the CLI's tests.
 */
export const FINDING_RULES = {
  INVALID_TARGET: { severity: 'high', spec: 'RFC 9728 §1.2 (https URLs)', summary: 'the target is not an absolute http(s) URL, or plain http off loopback' },
  NETWORK_ERROR: { severity: 'high', spec: 'RFC 9110 §9', summary: 'a request got no answer (refused, reset, DNS, TLS)' },
  TIMEOUT: { severity: 'high', spec: '--timeout (budget of the whole check)', summary: 'the check ran out of time; later requests were not sent' },
  RESPONSE_HEADERS_TOO_LARGE: { severity: 'high', spec: 'RFC 9110 §5.4', summary: 'an answer whose header section is larger than 16 KiB' },
  REDIRECT_REFUSED: { severity: 'high', spec: 'RFC 9110 §15.4, RFC 9728 §7.7', summary: 'a redirect to a URL the policy refuses (plain http off loopback, private address, other origin, more than 5 hops); not followed' },
  PRIVATE_ADDRESS_REFUSED: { severity: 'high', spec: 'RFC 9728 §7.7 (SSRF)', summary: 'a URL learned from an answer points to a private, link-local, metadata or reserved address; not fetched' },
  AUTHORIZATION_BEARER_REFUSED: { severity: 'high', spec: 'RFC 6750 §2.1, MCP authorization (token in Authorization)', summary: 'the token is refused in Authorization: Bearer but accepted in a legacy header' },
  // Before a missing challenge: a client without one falls back to the well-known URL, and stops there.
  RESOURCE_METADATA_BEHIND_AUTH: { severity: 'high', spec: 'RFC 9728 §3, MCP authorization (metadata is read before any token exists)', summary: 'the metadata URLs answer 401/403 (or 404 where no route is): the route is behind the auth middleware' },
  AUTH_REQUIRED_BUT_NOT_ADVERTISED: { severity: 'high', spec: 'RFC 9110 §11.6.1', summary: '401 with no WWW-Authenticate' },
  FORBIDDEN_WITHOUT_CREDENTIALS: { severity: 'high', spec: 'RFC 6750 §3.1, MCP authorization (clients start sign-in on 401)', summary: '403 to a request that sent no credentials' },
  STREAM_OPEN_WITHOUT_CREDENTIALS: { severity: 'high', spec: 'MCP Streamable HTTP (GET opens the event stream)', summary: 'GET answers 200 without credentials while POST demands them' },
  BEARER_CHALLENGE_MISSING: { severity: 'high', spec: 'RFC 6750 §3', summary: 'no Bearer challenge among the schemes' },
  RESOURCE_METADATA_HINT_INVALID: { severity: 'high', spec: 'RFC 9728 §5.1', summary: '`resource_metadata` is not an absolute https URL' },
  RESOURCE_METADATA_UNREACHABLE: { severity: 'high', spec: 'RFC 9728 §5.1', summary: '`resource_metadata` points to a URL that does not answer 200' },
  RESOURCE_METADATA_MISSING: { severity: 'high', spec: 'RFC 9728 §3, MCP authorization', summary: 'no protected resource metadata at the hint or the well-known URLs (info when the resource is public)' },
  RESPONSE_TOO_LARGE: { severity: 'high', spec: 'RFC 9728 §3.2, RFC 8414 §3.2', summary: 'a metadata document or JWK Set larger than 1 MiB; not read' },
  METADATA_CONTENT_TYPE_INVALID: { severity: 'high', spec: 'RFC 9728 §3.2, RFC 8414 §3.2', summary: 'metadata served as anything but application/json' },
  RESOURCE_METADATA_INVALID: { severity: 'high', spec: 'RFC 9728 §3.2', summary: 'the protected resource metadata is not a JSON object (or nests deeper than 64)' },
  RESOURCE_TRAILING_SLASH: { severity: 'high', spec: 'RFC 9728 §3.3 (exact comparison)', summary: '`resource` differs from the URL only by a trailing slash' },
  RESOURCE_FRAGMENT: { severity: 'high', spec: 'RFC 9728 §1.2, RFC 8707 §2', summary: '`resource` carries a fragment' },
  RESOURCE_MISMATCH: { severity: 'high', spec: 'RFC 9728 §3.3', summary: '`resource` is neither the URL nor its origin or a parent path' },
  BEARER_METHODS_INVALID: { severity: 'high', spec: 'RFC 9728 §2, RFC 6750 §2', summary: '`bearer_methods_supported` has values outside header/body/query, or lacks header' },
  AUTHORIZATION_SERVERS_MISSING: { severity: 'high', spec: 'RFC 9728 §2, MCP authorization', summary: 'no `authorization_servers`' },
  AUTHORIZATION_SERVER_INVALID: { severity: 'high', spec: 'RFC 9728 §2, RFC 8414 §2', summary: 'an authorization server that is not an absolute https URL' },
  AUTHORIZATION_SERVER_METADATA_MISSING: { severity: 'high', spec: 'RFC 8414 §3, OpenID Connect Discovery §4', summary: 'no authorization server metadata at any well-known URL' },
  AUTHORIZATION_SERVER_METADATA_INVALID: { severity: 'high', spec: 'RFC 8414 §3.2', summary: 'the authorization server metadata is not a JSON object' },
  ISSUER_INVALID: { severity: 'high', spec: 'RFC 8414 §2', summary: '`issuer` with a query or fragment' },
  ISSUER_MISMATCH: { severity: 'high', spec: 'RFC 8414 §3.3', summary: '`issuer` is not the authorization server URL' },
  AUTHORIZATION_ENDPOINT_MISSING: { severity: 'high', spec: 'RFC 8414 §2', summary: 'no `authorization_endpoint`: the authorization-code flow cannot start' },
  TOKEN_ENDPOINT_MISSING: { severity: 'high', spec: 'RFC 8414 §2', summary: 'no `token_endpoint`' },
  RESPONSE_TYPE_CODE_MISSING: { severity: 'high', spec: 'RFC 8414 §2', summary: '`response_types_supported` missing or without `code`' },
  ENDPOINT_NOT_HTTPS: { severity: 'high', spec: 'RFC 8414 §2, RFC 6749 §3.1', summary: 'an endpoint or `jwks_uri` that is not absolute https (loopback aside)' },
  PKCE_S256_NOT_ADVERTISED: { severity: 'high', spec: 'RFC 7636 §4.2, MCP authorization', summary: '`code_challenge_methods_supported` without S256: MCP clients must refuse to proceed' },
  INVALID_TOKEN_NOT_CHALLENGED: { severity: 'high', spec: 'RFC 6750 §3.1 (invalid_token, 401)', summary: 'a made-up token is not answered 401 with a Bearer challenge and error="invalid_token": high for any other status (2xx, 403, 5xx), medium for a 401' },
  INSUFFICIENT_SCOPE_ERROR_MISSING: { severity: 'high', spec: 'RFC 6750 §3.1 (insufficient_scope, 403), MCP scope step-up', summary: '(--token) a 403 whose challenge is not error="insufficient_scope": clients never step up' },
  REGISTRATION_ACCEPTS_DANGEROUS_REDIRECT: { severity: 'high', spec: 'RFC 7591 §5, RFC 9700 §4.1', summary: '(--probe-registration) a client was registered with a redirect URI that must be refused (plain http off loopback, javascript:, data:, a fragment), one registration per URI' },
  UNEXPECTED_STATUS: { severity: 'medium', spec: 'RFC 9110 §15', summary: 'the resource answered neither 401 nor success (info for a GET)' },
  CHALLENGE_SYNTAX_ERROR: { severity: 'medium', spec: 'RFC 9110 §11', summary: 'the challenge fails the strict grammar (lenient repairs listed)' },
  CHALLENGE_DIFFERS_BY_METHOD: { severity: 'medium', spec: 'RFC 9110 §11.6.1 (a challenge on every 401), MCP Streamable HTTP', summary: 'POST and GET get different challenges, or one gets none (high when the only path to the metadata is the challenge POST lacks)' },
  ERROR_CODE_UNREGISTERED: { severity: 'medium', spec: 'RFC 6750 §3.1, RFC 9470 §3, RFC 9449 §7 (registered error codes)', summary: 'an `error` outside invalid_request, invalid_token, insufficient_scope, insufficient_user_authentication, invalid_dpop_proof, use_dpop_nonce' },
  CORS_HIDES_CHALLENGE: { severity: 'medium', spec: 'Fetch standard (CORS-safelisted response headers, Access-Control-Expose-Headers), RFC 9110 §11.6.1', summary: 'the server answers CORS, but a browser cannot read WWW-Authenticate on its 401 or send Authorization' },
  CLIENT_REGISTRATION_UNAVAILABLE: { severity: 'medium', spec: 'RFC 7591, MCP 2025-11-25 client ID metadata documents', summary: 'neither dynamic client registration nor client ID metadata documents' },
  TOKEN_ENDPOINT_ERROR_INVALID: { severity: 'medium', spec: 'RFC 6749 §5.2', summary: 'a random code is not answered with a 400/401 JSON error' },
  JWKS_UNREACHABLE: { severity: 'medium', spec: 'RFC 8414 §2', summary: '`jwks_uri` does not answer 200 (clients sign in without it; resource servers that fetch keys there fail)' },
  JWKS_INVALID: { severity: 'medium', spec: 'RFC 7517 §5', summary: '`jwks_uri` is not a JWK Set' },
  TOKEN_CHALLENGE_WITHOUT_ERROR: { severity: 'medium', spec: 'RFC 6750 §3.1', summary: '(--token) a refused token gets a challenge without `error`' },
  TOKEN_ERROR_STATUS_MISMATCH: { severity: 'medium', spec: 'RFC 6750 §3.1', summary: '(--token) the status does not match the error code (invalid_token 401, insufficient_scope 403)' },
  INSUFFICIENT_SCOPE_WITHOUT_SCOPE: { severity: 'medium', spec: 'RFC 6750 §3.1, MCP scope step-up', summary: '(--token) insufficient_scope without `scope`' },
  RESOURCE_METADATA_HINT_MISSING: { severity: 'low', spec: 'RFC 9728 §5.1, MCP authorization (hint or well-known URL)', summary: 'no `resource_metadata` in the challenge' },
  PARAMS_STRIPPED_SUSPECTED: { severity: 'low', spec: 'RFC 9728 §5.1', summary: 'a proxy may be dropping the challenge or its parameters' },
  PROTECTED_RESOURCES_MISMATCH: { severity: 'low', spec: 'RFC 9728 §4', summary: "the authorization server's `protected_resources` omits the resource" },
  SCOPE_MISSING: { severity: 'low', spec: 'RFC 6750 §3, MCP scope selection', summary: 'the Bearer challenge has no scope' },
  ERROR_WITHOUT_CREDENTIALS: { severity: 'low', spec: 'RFC 6750 §3.1', summary: 'an `error` code on a request that sent no credentials' },
  DPOP_ALGS_MISSING: { severity: 'low', spec: 'RFC 9449 §7.1 (algs)', summary: 'a DPoP challenge without `algs`: the client must guess the proof algorithm' },
  RESOURCE_IS_PARENT: { severity: 'info', spec: 'RFC 9728 §3.3, MCP authorization (origin or parent path accepted)', summary: '`resource` is the origin or a parent path of the URL' },
  REALM_MISSING: { severity: 'info', spec: 'RFC 6750 §3', summary: 'the Bearer challenge has no realm (a MAY: a note, never the primary finding)' },
  CORS_NOT_ENABLED: { severity: 'info', spec: 'Fetch standard (CORS)', summary: 'the resource answers no CORS: browser-based clients on another origin cannot call it' },
  SAME_ORIGIN_SKIPPED: { severity: 'info', spec: '--same-origin', summary: 'a URL on another origin was not fetched' },
  AUTH_NOT_REQUIRED: { severity: 'info', spec: 'MCP authorization (optional)', summary: 'the resource answered without asking for credentials' },
} as const satisfies Record<string, FindingRule>;

/** Stable finding codes. Programs may switch on them; the human text may change. */
export type FindingCode = keyof typeof FINDING_RULES;

/** Every code, in the table's (priority) order. */
export const FINDING_CODES = Object.keys(FINDING_RULES) as FindingCode[];

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** One sentence saying what was seen and why it matters, with the rule it comes from. */
  message: string;
  /** The URL of the request the finding is about, when there is one. */
  url?: string;
  /** What was seen (a status line, a header value), as received; escape it before printing it to a terminal. */
  evidence?: string;
}

export const SEVERITY_ORDER: readonly Severity[] = ['high', 'medium', 'low', 'info'];

/** A finding with the rule's severity unless `severity` says otherwise (a few rules depend on context). */
export function finding(code: FindingCode, message: string, extra: { url?: string; evidence?: string; severity?: Severity } = {}): Finding {
  const result: Finding = { code, severity: extra.severity ?? FINDING_RULES[code].severity, message };
  if (extra.url !== undefined) result.url = extra.url;
  if (extra.evidence !== undefined) result.evidence = extra.evidence;
  return result;
}

/** Findings by severity, then in the rule table's order (cause before consequence). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || FINDING_CODES.indexOf(a.code) - FINDING_CODES.indexOf(b.code),
  );
}
