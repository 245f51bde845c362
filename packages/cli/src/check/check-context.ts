import type { Diagnostic } from '@authheaders/www-authenticate';
import type { DocumentRule } from './document-rule';
import { finding, sortFindings, type Finding, type FindingCode, type Severity } from './findings';
import type { FetchResult, Fetcher, LookupFunction, FetchInit, HttpMethod, TraceEntry } from './guarded-fetch';
import { redactSecrets } from './redact-secrets';

export interface CheckOptions {
  /** Budget of the whole check, in milliseconds (`--timeout`). Default 15 000. */
  timeoutMs?: number;
  /** Allow plain http for hosts other than loopback (loopback http is always allowed, as RFC 9728 tooling does). */
  insecureHttp?: boolean;
  /** Fetch URLs learned from answers even when they point to private, link-local or metadata addresses. */
  allowPrivate?: boolean;
  /** Fetch nothing outside the target's origin. */
  sameOrigin?: boolean;
  /** A token to send as `Authorization: Bearer` (and in each legacy header); it never appears in the report. */
  token?: string;
  /** Legacy headers (e.g. `X-API-Key`) to try the token in as well, the way an old client sends it. */
  legacyHeaders?: readonly string[];
  /** Send one dynamic client registration per dangerous redirect URI (creates clients on the server). */
  probeRegistration?: boolean;
  /** Called with a line for each request as it happens. */
  onProgress?: (line: string) => void;
  /** The resolver (tests replace it with one that refuses anything but loopback). Default: `dns.lookup`. */
  lookup?: LookupFunction;
}

/** What a client learned from the resource's 401, in short. */
export interface ChallengeSummary {
  /** The request the challenge answered (the POST's when both carry one, as an MCP client's first contact). */
  method: HttpMethod;
  url: string;
  status: number;
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
  /** The JWS algorithms a DPoP challenge's `algs` lists (RFC 9449 §7.1); `[]` for a DPoP challenge without it. */
  dpopAlgs?: string[];
}

/** How a client can get a client ID at the authorization server (RFC 7591, MCP client ID metadata documents). */
export interface ClientRegistrationSummary {
  dynamicRegistration: boolean;
  clientIdMetadataDocument: boolean;
}

/** What the resource answered to the token in each carrier (header names only). */
export interface CredentialProbe {
  header: string;
  status?: number;
  wwwAuthenticate?: string;
}

export interface CheckReport {
  target: string;
  /** True when no finding is high severity. */
  ok: boolean;
  /** The root cause: the first finding of the highest severity, in the rule table's order. */
  primary?: Finding;
  findings: Finding[];
  trace: TraceEntry[];
  challenge?: ChallengeSummary;
  /** Where the protected resource metadata was found, and the document. */
  resourceMetadataUrl?: string;
  resourceMetadata?: Record<string, unknown>;
  authorizationServerMetadataUrl?: string;
  authorizationServerMetadata?: Record<string, unknown>;
  clientRegistration?: ClientRegistrationSummary;
  credentialProbes?: CredentialProbe[];
}

/** One answer as evidence: `POST <url> → 401`. */
export function answerLine(entry: TraceEntry): string {
  return `${entry.method} ${entry.url} → ${entry.status ?? entry.error ?? 'no answer'}`;
}

/** Thrown inside a check when its budget is spent: the check stops and reports one TIMEOUT. */
export class BudgetSpent extends Error {
  override readonly name = 'BudgetSpent';
  constructor(readonly entry: TraceEntry) {
    super('budget spent');
  }
}

/** What every rule of a check shares: the target, the options, the fetcher and the report being built. */
export class CheckContext {
  readonly report: CheckReport;
  constructor(
    readonly target: URL,
    readonly options: CheckOptions,
    readonly fetcher: Fetcher,
    /** The made-up token this check sends (never a real one); redacted from the report like `--token`. */
    readonly probeToken: string,
  ) {
    this.report = { target: target.href, ok: false, findings: [], trace: fetcher.trace };
  }

  /**
   * Adds a finding, once: the same code about the same URL is one finding (POST and GET alike). A finding about a URL
   * without evidence of its own gets the last answer from that URL (`GET <url> → 404`), so that every finding says
   * what it was seen on.
   */
  add(code: FindingCode, message: string, extra: { url?: string; evidence?: string; severity?: Severity } = {}): void {
    if (this.report.findings.some((f) => f.code === code && f.url === extra.url)) return;
    let evidence = extra.evidence;
    if (evidence === undefined && extra.url !== undefined) {
      const seen = this.lastAnswer(extra.url);
      if (seen !== undefined) evidence = answerLine(seen);
    }
    this.report.findings.push(finding(code, message, { ...extra, ...(evidence === undefined ? {} : { evidence }) }));
  }

  /** The last answer (a hop with a status) from `url`, if any. */
  lastAnswer(url: string): TraceEntry | undefined {
    for (let i = this.report.trace.length - 1; i >= 0; i--) {
      const entry = this.report.trace[i]!;
      if (entry.url === url && entry.status !== undefined) return entry;
    }
    return undefined;
  }

  /** Raises a finding already added to `severity`, with a sentence saying why. */
  escalate(code: FindingCode, severity: Severity, why: string): void {
    const found = this.report.findings.find((f) => f.code === code);
    if (found === undefined) return;
    found.severity = severity;
    found.message = `${found.message} ${why}`;
  }

  /** Applies a table of rules to facts already fetched; each hit is a finding about `url` unless it names its own. */
  apply<Facts>(rules: ReadonlyArray<DocumentRule<Facts>>, facts: Facts, url?: string, evidence?: string): void {
    for (const rule of rules) {
      for (const hit of rule.check(facts)) {
        const about = hit.url ?? url;
        const seen = hit.evidence ?? evidence;
        this.add(rule.code, hit.message, { ...(about === undefined ? {} : { url: about }), ...(seen === undefined ? {} : { evidence: seen }) });
      }
    }
  }

  has(code: FindingCode): boolean {
    return this.report.findings.some((f) => f.code === code);
  }

  /** Fetches through the URL policy; throws {@link BudgetSpent} when the check's time is up. */
  async fetch(step: string, method: HttpMethod, url: string, init?: FetchInit): Promise<FetchResult> {
    const result = await this.fetcher.fetch(step, method, url, init);
    if (result.budgetExhausted === true) throw new BudgetSpent(result.entry);
    return result;
  }

  /**
   * Reports what stopped a request short of an answer (a refusal, a header overflow, a network error) and returns
   * true, or returns false when there is an answer to look at. Network errors are reported only when `what` is set.
   */
  wireProblem(result: FetchResult, what?: string, severity?: Severity): boolean {
    const { entry, refusal } = result;
    if (refusal !== undefined) {
      if (refusal.kind === 'redirect') {
        this.add('REDIRECT_REFUSED', `A redirect to ${refusal.url} was not followed: ${refusal.reason}.`, { url: entry.url });
      } else if (refusal.kind === 'address') {
        this.add('PRIVATE_ADDRESS_REFUSED', `${refusal.url} was not fetched: ${refusal.reason}.`, { url: refusal.url });
      } else if (this.options.sameOrigin === true && new URL(refusal.url).origin !== this.target.origin) {
        this.add('SAME_ORIGIN_SKIPPED', `${refusal.url} is on another origin and was not fetched (--same-origin).`, { url: refusal.url });
      } else {
        // Callers check the scheme of what they learn before fetching it; this is the policy's own backstop.
        this.add('ENDPOINT_NOT_HTTPS', `${refusal.url} was not fetched: ${refusal.reason}.`, { url: refusal.url });
      }
      return true;
    }
    if (entry.headerOverflow === true) {
      this.add('RESPONSE_HEADERS_TOO_LARGE', `${entry.method} ${entry.url}: ${entry.error}; clients fail on it.`, { url: entry.url });
      return true;
    }
    if (entry.error !== undefined) {
      if (what !== undefined) this.add('NETWORK_ERROR', `${what}: ${entry.error}.`, { url: entry.url, ...(severity === undefined ? {} : { severity }) });
      return true;
    }
    return false;
  }

  /** Closes the report: `ok` and the primary finding; the token, wherever an answer echoed it, redacted. */
  finish(): CheckReport {
    redactSecrets(this.report, this.options.token === undefined ? [this.probeToken] : [this.options.token, this.probeToken]);
    const sorted = sortFindings(this.report.findings);
    this.report.findings = sorted;
    this.report.ok = !sorted.some((f) => f.severity === 'high');
    const first = sorted[0];
    // The primary finding goes right after the verdict, also in --json.
    const { target, ok, primary: _previous, findings, ...rest } = this.report;
    return { target, ok, ...(first !== undefined && first.severity !== 'info' ? { primary: first } : {}), findings, ...rest };
  }
}
