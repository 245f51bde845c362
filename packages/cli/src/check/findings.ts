/** How much a finding matters: any `high` finding makes `authheaders check` exit 2. */
export type Severity = 'high' | 'medium' | 'low' | 'info';

/**
 * Stable finding codes. Programs may switch on them; the human text may change.
 */
export type FindingCode =
  | 'INVALID_TARGET'
  | 'NETWORK_ERROR'
  | 'TIMEOUT'
  | 'AUTH_NOT_REQUIRED'
  | 'UNEXPECTED_STATUS'
  | 'AUTH_REQUIRED_BUT_NOT_ADVERTISED'
  | 'CHALLENGE_SYNTAX_ERROR'
  | 'BEARER_CHALLENGE_MISSING'
  | 'REALM_MISSING'
  | 'SCOPE_MISSING'
  | 'ERROR_WITHOUT_CREDENTIALS'
  | 'RESOURCE_METADATA_HINT_MISSING'
  | 'RESOURCE_METADATA_HINT_INVALID'
  | 'PARAMS_STRIPPED_SUSPECTED'
  | 'RESOURCE_METADATA_MISSING'
  | 'RESOURCE_METADATA_UNREACHABLE'
  | 'RESOURCE_METADATA_INVALID'
  | 'RESOURCE_MISMATCH'
  | 'AUTHORIZATION_SERVERS_MISSING'
  | 'AUTHORIZATION_SERVER_INVALID'
  | 'AUTHORIZATION_SERVER_METADATA_MISSING'
  | 'AUTHORIZATION_SERVER_METADATA_INVALID'
  | 'ISSUER_MISMATCH'
  | 'TOKEN_ENDPOINT_MISSING'
  | 'REGISTRATION_ENDPOINT_MISSING'
  | 'PKCE_S256_NOT_ADVERTISED';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** One sentence saying what was seen and why it matters, with the rule it comes from. */
  message: string;
  /** The URL of the request the finding is about, when there is one. */
  url?: string;
}

export const SEVERITY_ORDER: readonly Severity[] = ['high', 'medium', 'low', 'info'];

export function finding(code: FindingCode, severity: Severity, message: string, url?: string): Finding {
  return url === undefined ? { code, severity, message } : { code, severity, message, url };
}
