import { isLoopbackHost, readBearerChallenge, type BearerChallengeInfo } from '@authheaders/bearer';
import { parseChallenges, type Diagnostic } from '@authheaders/www-authenticate';
import { finding, type Finding } from './findings';
import { probe, type ProbeOptions, type ProbeResult, type TraceEntry } from './http-probe';
import { authorizationServerMetadataUrls, protectedResourceMetadataCandidates } from './well-known-urls';

export interface CheckOptions {
  /** Per-request timeout. Default 10 000 ms. */
  timeoutMs?: number;
  /** Allow plain http for hosts other than loopback (loopback http is always allowed, as RFC 9728 tooling does). */
  insecureHttp?: boolean;
  /** Called with a line for each request as it happens. */
  onProgress?: (line: string) => void;
  /** The fetch to use (tests, proxies). Default: the global fetch. */
  fetch?: typeof fetch;
}

/** What a client learned from the resource's 401, in short. */
export interface ChallengeSummary {
  /** The field as received. */
  header: string;
  /** Whether the strict RFC 9110 §11 parser accepted it. */
  strict: boolean;
  /** Repairs the lenient parser needed. */
  repairs: Diagnostic[];
  /** The Bearer challenge's parameters, every one of them; absent when there is no Bearer challenge. */
  bearerParams?: Record<string, string>;
  /** Schemes offered, in order. */
  schemes: string[];
}

export interface CheckReport {
  target: string;
  /** True when no finding is high severity. */
  ok: boolean;
  findings: Finding[];
  trace: TraceEntry[];
  challenge?: ChallengeSummary;
  /** Where the protected resource metadata was found, and the document. */
  resourceMetadataUrl?: string;
  resourceMetadata?: Record<string, unknown>;
  authorizationServerMetadataUrl?: string;
  authorizationServerMetadata?: Record<string, unknown>;
}

/** The body of the MCP `initialize` request an MCP client sends first (JSON-RPC 2.0). */
export const MCP_INITIALIZE_BODY = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'authheaders-check', version: '0.1.0' },
  },
});

/** https, or http on loopback (the rule of `@authheaders/bearer`), or http anywhere when the user said so. */
function isAcceptableUrl(url: URL, insecureHttp: boolean): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (insecureHttp || isLoopbackHost(url.hostname));
}

function parseUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function parseJsonObject(result: ProbeResult): Record<string, unknown> | undefined {
  if (result.body === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(result.body);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const sameUrl = (a: string, b: string): boolean => parseUrl(a)?.href === parseUrl(b)?.href;

/**
 * Probes a protected resource the way an MCP client would and reports what it advertises:
 *
 * 1. an unauthenticated `POST` of an MCP `initialize` request and a `GET`: a 401/403 must carry a
 *    `WWW-Authenticate` challenge (RFC 9110 §11.6.1), parse under RFC 9110 §11, and offer Bearer with its
 *    parameters (RFC 6750 §3) and `resource_metadata` (RFC 9728 §5.1);
 * 2. protected resource metadata (RFC 9728 §3): from `resource_metadata`, else the path-inserted well-known URL
 *    (§3.1), then the root one; `resource` must match (§3.3), `authorization_servers` must be absolute https URLs;
 * 3. authorization server metadata (RFC 8414 §3, OpenID Connect Discovery): `issuer`, `token_endpoint`,
 *    `registration_endpoint` (RFC 7591) and PKCE `S256` (RFC 7636, required by MCP clients).
 *
 * Never throws for network trouble: refusals, resets and timeouts are findings.
 */
export async function checkAuthAdvertisement(target: string, options: CheckOptions = {}): Promise<CheckReport> {
  const findings: Finding[] = [];
  const trace: TraceEntry[] = [];
  const report: CheckReport = { target, ok: false, findings, trace };
  const insecureHttp = options.insecureHttp === true;
  const probeOptions: ProbeOptions = { timeoutMs: options.timeoutMs ?? 10_000, fetch: options.fetch ?? fetch };
  if (options.onProgress !== undefined) probeOptions.onProgress = options.onProgress;
  const send = async (step: string, method: 'GET' | 'POST', url: string, init: { headers?: Record<string, string>; body?: string } = {}) => {
    const result = await probe(step, method, url, init, probeOptions);
    trace.push(result.entry);
    return result;
  };
  const wireFinding = (result: ProbeResult, what: string, severity: 'high' | 'medium' = 'high'): void => {
    const { entry } = result;
    if (entry.timedOut === true) findings.push(finding('TIMEOUT', severity, `${what}: ${entry.error}.`, entry.url));
    else findings.push(finding('NETWORK_ERROR', severity, `${what}: ${entry.error}.`, entry.url));
  };
  const done = (): CheckReport => {
    report.ok = !findings.some((f) => f.severity === 'high');
    return report;
  };

  const targetUrl = parseUrl(target);
  if (targetUrl === undefined || (targetUrl.protocol !== 'https:' && targetUrl.protocol !== 'http:')) {
    findings.push(finding('INVALID_TARGET', 'high', 'The target is not an absolute http(s) URL.'));
    return done();
  }
  if (!isAcceptableUrl(targetUrl, insecureHttp)) {
    findings.push(finding('INVALID_TARGET', 'high', 'Plain http is only probed on loopback hosts; pass --insecure-http to probe it anyway.'));
    return done();
  }

  // 1. Unauthenticated requests, as an MCP client's first contact.
  const post = await send('resource', 'POST', targetUrl.href, {
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: MCP_INITIALIZE_BODY,
  });
  const get = await send('resource', 'GET', targetUrl.href, { headers: { accept: 'application/json, text/event-stream' } });
  if (post.entry.error !== undefined) {
    wireFinding(post, 'The resource did not answer');
    return done();
  }
  let bearer: BearerChallengeInfo | undefined;
  let authRequired = false;
  for (const result of [post, get]) {
    const { entry } = result;
    if (entry.error !== undefined) {
      // The POST answered, so the resource is up: a GET that fails is worth knowing, not fatal.
      wireFinding(result, `The ${entry.method} probe did not get an answer`, 'medium');
      continue;
    }
    const status = entry.status!;
    if (status === 401 || status === 403) {
      authRequired = true;
      if (entry.wwwAuthenticate === undefined) {
        findings.push(
          finding(
            'AUTH_REQUIRED_BUT_NOT_ADVERTISED',
            'high',
            `${entry.method} got ${status} without a WWW-Authenticate challenge: RFC 9110 §11.6.1 requires one on every 401, and MCP clients need it to find the authorization server.`,
            entry.url,
          ),
        );
        continue;
      }
      if (report.challenge === undefined) ({ summary: report.challenge, bearer } = readChallenge(entry.wwwAuthenticate));
    } else if (status >= 200 && status < 300) {
      if (entry.method === 'POST') {
        findings.push(finding('AUTH_NOT_REQUIRED', 'info', `POST without credentials got ${status}: the resource does not require authentication.`, entry.url));
      }
    } else if (!(entry.method === 'GET' && status === 405)) {
      const severity = entry.method === 'POST' ? 'medium' : 'info';
      findings.push(finding('UNEXPECTED_STATUS', severity, `${entry.method} without credentials got ${status}, neither 401/403 nor success.`, entry.url));
    }
  }

  const challenge = report.challenge;
  if (challenge !== undefined) {
    if (!challenge.strict) {
      const first = challenge.repairs[0];
      findings.push(
        finding(
          'CHALLENGE_SYNTAX_ERROR',
          'medium',
          `WWW-Authenticate does not parse under RFC 9110 §11${first === undefined ? '' : ` (${first.code} at offset ${first.offset})`}; strict clients will reject it, lenient ones needed ${challenge.repairs.length} repair(s).`,
        ),
      );
    }
    if (bearer === undefined) {
      findings.push(finding('BEARER_CHALLENGE_MISSING', 'high', `No Bearer challenge (RFC 6750 §3) among the schemes offered: ${challenge.schemes.join(', ') || 'none'}.`));
    } else {
      if (bearer.realm === undefined) findings.push(finding('REALM_MISSING', 'low', 'The Bearer challenge has no realm (RFC 6750 §3: MAY, but clients show it).'));
      if (bearer.scope.length === 0) findings.push(finding('SCOPE_MISSING', 'low', 'The Bearer challenge has no scope: clients must guess what to ask the authorization server for (RFC 6750 §3, MCP scope selection).'));
      if (bearer.error !== undefined) {
        findings.push(finding('ERROR_WITHOUT_CREDENTIALS', 'low', `The challenge to a request without credentials carries error="${bearer.error}"; RFC 6750 §3.1 says it SHOULD NOT.`));
      }
      const hint = bearer.params.resource_metadata;
      if (hint === undefined) {
        findings.push(finding('RESOURCE_METADATA_HINT_MISSING', 'medium', 'The Bearer challenge has no resource_metadata (RFC 9728 §5.1): clients fall back to guessing well-known URLs.'));
      } else if (bearer.resourceMetadata === undefined || !isAcceptableUrl(bearer.resourceMetadata, insecureHttp)) {
        findings.push(finding('RESOURCE_METADATA_HINT_INVALID', 'high', 'resource_metadata is not an absolute https URL (RFC 9728 §5.1).'));
      }
    }
  }
  // 2. Protected resource metadata.
  const hint = bearer?.resourceMetadata !== undefined && isAcceptableUrl(bearer.resourceMetadata, insecureHttp) ? bearer.resourceMetadata.href : undefined;
  let metadata: Record<string, unknown> | undefined;
  let metadataUrl: string | undefined;
  for (const candidate of protectedResourceMetadataCandidates(targetUrl, hint)) {
    const result = await send('resource metadata', 'GET', candidate.url, { headers: { accept: 'application/json' } });
    if (result.entry.error !== undefined) {
      if (candidate.fromHint) wireFinding(result, 'The resource_metadata URL did not answer');
      continue;
    }
    if (result.entry.status !== 200) {
      if (candidate.fromHint) {
        findings.push(finding('RESOURCE_METADATA_UNREACHABLE', 'high', `resource_metadata points to a URL that answered ${result.entry.status}.`, candidate.url));
      }
      continue;
    }
    const document = result.bodyTooLarge === true ? undefined : parseJsonObject(result);
    if (document === undefined) {
      findings.push(finding('RESOURCE_METADATA_INVALID', 'high', 'The protected resource metadata is not a JSON object (RFC 9728 §3.2).', candidate.url));
      continue;
    }
    metadata = document;
    metadataUrl = candidate.url;
    if (!candidate.fromHint && authRequired && hint === undefined) {
      findings.push(
        finding(
          'PARAMS_STRIPPED_SUSPECTED',
          'medium',
          'Protected resource metadata is served at a well-known URL, but the 401 does not point to it: a proxy or middleware may be stripping the WWW-Authenticate challenge or its parameters.',
          candidate.url,
        ),
      );
    }
    break;
  }
  if (metadata === undefined || metadataUrl === undefined) {
    if (!findings.some((f) => f.code === 'RESOURCE_METADATA_UNREACHABLE' || f.code === 'RESOURCE_METADATA_INVALID')) {
      findings.push(
        finding(
          'RESOURCE_METADATA_MISSING',
          authRequired ? 'high' : 'info',
          'No protected resource metadata (RFC 9728) at resource_metadata or the well-known URLs: MCP clients cannot find the authorization server.',
        ),
      );
    }
    return done();
  }
  report.resourceMetadataUrl = metadataUrl;
  report.resourceMetadata = metadata;

  // Parameters present in the metadata but absent from the challenge point at a proxy that forwards only part of it.
  if (bearer !== undefined && hint !== undefined && bearer.scope.length === 0 && bearer.realm === undefined) {
    const scopes = metadata.scopes_supported;
    if (Array.isArray(scopes) && scopes.length > 0) {
      findings.push(
        finding(
          'PARAMS_STRIPPED_SUSPECTED',
          'medium',
          'The challenge carries resource_metadata and nothing else, while the metadata lists scopes: a proxy may forward only resource_metadata and drop realm, scope and error.',
        ),
      );
    }
  }

  if (typeof metadata.resource !== 'string' || !sameUrl(metadata.resource, targetUrl.href)) {
    findings.push(
      finding(
        'RESOURCE_MISMATCH',
        'high',
        `The metadata's resource (${typeof metadata.resource === 'string' ? metadata.resource : 'missing'}) is not the URL probed (${targetUrl.href}); RFC 9728 §3.3 requires clients to reject it.`,
        metadataUrl,
      ),
    );
  }
  const servers = metadata.authorization_servers;
  if (!Array.isArray(servers) || servers.length === 0) {
    findings.push(finding('AUTHORIZATION_SERVERS_MISSING', 'high', 'The metadata lists no authorization_servers (RFC 9728 §2); MCP requires at least one.', metadataUrl));
    return done();
  }
  const issuers: URL[] = [];
  for (const server of servers) {
    const url = parseUrl(server);
    if (url === undefined || !isAcceptableUrl(url, insecureHttp)) {
      findings.push(finding('AUTHORIZATION_SERVER_INVALID', 'high', `authorization_servers holds ${JSON.stringify(server)}, not an absolute https URL.`, metadataUrl));
    } else {
      issuers.push(url);
    }
  }
  const issuer = issuers[0];
  if (issuer === undefined) return done();

  // 3. Authorization server metadata of the first authorization server.
  let asMetadata: Record<string, unknown> | undefined;
  for (const url of authorizationServerMetadataUrls(issuer)) {
    const result = await send('authorization server metadata', 'GET', url, { headers: { accept: 'application/json' } });
    if (result.entry.error !== undefined || result.entry.status !== 200) continue;
    const document = result.bodyTooLarge === true ? undefined : parseJsonObject(result);
    if (document === undefined) {
      findings.push(finding('AUTHORIZATION_SERVER_METADATA_INVALID', 'high', 'The authorization server metadata is not a JSON object (RFC 8414 §3.2).', url));
      continue;
    }
    asMetadata = document;
    report.authorizationServerMetadataUrl = url;
    report.authorizationServerMetadata = document;
    break;
  }
  if (asMetadata === undefined) {
    const unreachable = trace.filter((t) => t.step === 'authorization server metadata').every((t) => t.error !== undefined);
    findings.push(
      finding(
        'AUTHORIZATION_SERVER_METADATA_MISSING',
        'high',
        unreachable
          ? `The authorization server ${issuer.href} did not answer at any metadata URL (RFC 8414 §3, OpenID Connect Discovery).`
          : `No authorization server metadata for ${issuer.href} at the RFC 8414 or OpenID Connect well-known URLs.`,
      ),
    );
    return done();
  }
  if (typeof asMetadata.issuer !== 'string' || !sameUrl(asMetadata.issuer, issuer.href)) {
    findings.push(finding('ISSUER_MISMATCH', 'high', `The metadata's issuer is not ${issuer.href}; RFC 8414 §3.3 requires clients to reject it.`, report.authorizationServerMetadataUrl));
  }
  if (typeof asMetadata.token_endpoint !== 'string') {
    findings.push(finding('TOKEN_ENDPOINT_MISSING', 'high', 'The authorization server metadata has no token_endpoint (RFC 8414 §2).', report.authorizationServerMetadataUrl));
  }
  if (typeof asMetadata.registration_endpoint !== 'string') {
    findings.push(
      finding('REGISTRATION_ENDPOINT_MISSING', 'low', 'No registration_endpoint: clients without pre-registration cannot register dynamically (RFC 7591).', report.authorizationServerMetadataUrl),
    );
  }
  const methods = asMetadata.code_challenge_methods_supported;
  if (!Array.isArray(methods) || !methods.includes('S256')) {
    findings.push(
      finding('PKCE_S256_NOT_ADVERTISED', 'high', 'code_challenge_methods_supported does not list S256 (RFC 7636); MCP clients must refuse to proceed.', report.authorizationServerMetadataUrl),
    );
  }
  return done();
}

/**
 * Reads a challenge field once, leniently. The lenient parser reports a repair exactly where the strict one would
 * throw (both go through the same fault path), so no repair means the field is strictly valid.
 */
function readChallenge(header: string): { summary: ChallengeSummary; bearer: BearerChallengeInfo | undefined } {
  const repairs: Diagnostic[] = [];
  const challenges = parseChallenges(header, { lenient: true, onDiagnostic: (d) => repairs.push(d) });
  const strict = repairs.length === 0;
  const summary: ChallengeSummary = { header, strict, repairs, schemes: challenges.map((c) => c.scheme) };
  const bearer = readBearerChallenge(challenges);
  if (bearer !== undefined) summary.bearerParams = { ...bearer.params };
  return { summary, bearer };
}
