export { main, USAGE } from './main';
export { nodeIO } from './node-io';
export { EXIT_FINDINGS, EXIT_INVALID_INPUT, EXIT_OK, EXIT_USAGE, UsageError, type CliIO } from './cli-io';
export { terminalStyle, type TerminalStyle } from './terminal-style';
export { checkAuthAdvertisement, DEFAULT_CHECK_TIMEOUT_MS } from './check/check-auth-advertisement';
export type { ChallengeSummary, CheckOptions, CheckReport, ClientRegistrationSummary, CredentialProbe } from './check/check-context';
export { MCP_INITIALIZE_BODY } from './check/check-transport';
export { formatCheckReport } from './check/format-check-report';
export { formatCheckMarkdown } from './check/format-check-markdown';
export {
  finding,
  FINDING_CODES,
  FINDING_RULES,
  SEVERITY_ORDER,
  sortFindings,
  type Finding,
  type FindingCode,
  type FindingRule,
  type Severity,
} from './check/findings';
export { MAX_BODY_BYTES, MAX_HEADER_BYTES, MAX_REDIRECTS, type HttpMethod, type LookupFunction, type TraceEntry } from './check/guarded-fetch';
export { classifyAddress, type AddressClass } from './check/address-class';
export { escapeTerminal } from './check/escape-terminal';
export { authorizationServerMetadataUrls, protectedResourceMetadataCandidates } from './check/well-known-urls';
export { runDemo, LEGACY_SAMPLE, type DemoOutput } from './demo/run-demo';
export { startDemoServer, DEMO_MFA_ACR, DEMO_TOOLS, type DemoServer } from './demo/demo-server';
export {
  DEMO_ACR,
  DEMO_SCOPES,
  DEMO_USER,
  startDemoAuthorizationServer,
  type DemoAuthorizationServer,
  type DemoAuthorizationServerOptions,
} from './demo/demo-authorization-server';
// The demo's MCP SDK client provider is not exported: its types come from an optional peer dependency.
export { signInDemoUser } from './demo/sign-in-demo-user';
export { followScriptedConsent, isLoopbackUrl, type SignInHop } from './demo/follow-scripted-consent';
