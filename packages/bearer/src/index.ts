export { isB64token } from './b64token';
export { isLoopbackHost } from './is-loopback-host';
export { bearerErrorStatus, type BearerErrorCode } from './bearer-error';
export { bearerChallenge, dpopChallenge, serializeBearerChallenge, type BearerChallengeOptions } from './bearer-challenge';
export {
  readBearerChallenge,
  type BearerChallengeInfo,
  type ChallengeSource,
  type ReadBearerChallengeOptions,
} from './read-bearer-challenge';
export {
  PROTECTED_RESOURCE_METADATA_PATH,
  protectedResourceMetadata,
  protectedResourceMetadataUrl,
  type ProtectedResourceMetadata,
  type ProtectedResourceMetadataOptions,
} from './protected-resource-metadata';
export type { HeadersInput } from './header-values';
export {
  createBearerTokenResolver,
  resolveBearerToken,
  type BearerTokenResolution,
  type ResolveBearerTokenOptions,
} from './resolve-bearer-token';
export { InsufficientScopeError } from './insufficient-scope-error';
export { InvalidTokenError } from './invalid-token-error';
export { InsufficientUserAuthenticationError } from './insufficient-user-authentication-error';
export type { DeprecatedBearerAuthOptions } from './deprecated-options';
// The interfaces of the shared state stores (DPoP replay and nonces, a proxy's metadata cache): types only.
export type { ReplayCache } from './stores/replay-cache';
export type { NonceStore } from './stores/nonce-store';
export type { MetadataCache } from './stores/metadata-cache';
// The middleware and its engine live in `@authheaders/bearer/fetch` (and `/node`); their types stay here.
export type {
  AuthInfo,
  BearerAuthAuditEvent,
  BearerAuthFailure,
  BearerAuthOptions,
  BearerAuthOutcome,
  BearerAuthRefusal,
  BearerAuthenticator,
  BearerAuthRequestInfo,
} from './bearer-auth-core';
export type { ScopeRequest, RequiredScopesFunction } from './scope-request';
export type { RequiredScopes } from './required-scopes';
