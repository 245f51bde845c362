export { main, USAGE } from './main';
export { nodeIO } from './node-io';
export { EXIT_FINDINGS, EXIT_INVALID_INPUT, EXIT_OK, EXIT_USAGE, UsageError, type CliIO } from './cli-io';
export { terminalStyle, type TerminalStyle } from './terminal-style';
export {
  checkAuthAdvertisement,
  MCP_INITIALIZE_BODY,
  type ChallengeSummary,
  type CheckOptions,
  type CheckReport,
} from './check/check-auth-advertisement';
export { formatCheckReport } from './check/format-check-report';
export { finding, SEVERITY_ORDER, type Finding, type FindingCode, type Severity } from './check/findings';
export type { TraceEntry } from './check/http-probe';
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
