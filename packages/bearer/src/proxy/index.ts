export { relayChallenges, DEFAULT_RELAY_MAX_LENGTH, type RelayChallengesOptions, type RelayDiagnostic, type RelaySource, type ResourceMetadataPolicy } from './relay-challenges';
export {
  relayProtectedResourceMetadata,
  MetadataRelayError,
  DEFAULT_METADATA_MAX_LENGTH,
  METADATA_MAX_DEPTH,
  type RelayProtectedResourceMetadataOptions,
} from './relay-protected-resource-metadata';
export { memoryMetadataCache, type MemoryMetadataCacheOptions } from './memory-metadata-cache';
export { createAuthRelay, type AuthRelayOptions, type RelayPeer } from './create-auth-relay';
export { STRIPPED_CREDENTIAL_HEADERS } from './forward-request-headers';
export { relayFailure, type RelayFailureReason } from './relay-failure';
export { toNodeListener } from './node-listener';
