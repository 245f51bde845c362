export { createDpopGate, type DpopBinding, type DpopEngine, type DpopGate, type RequestTarget } from './dpop-gate';
export { DPOP_ALGORITHMS, type DpopOptions } from './dpop-options';
export { boundThumbprint } from './bound-thumbprint';
export { jwkThumbprint } from './jwk-thumbprint';
export { memoryNonceStore, type MemoryNonceStoreOptions } from './memory-nonce-store';
export { memoryReplayCache, type MemoryReplayCacheOptions } from './memory-replay-cache';
export { readDpopCredentials, type DpopCredentials } from './read-dpop-credentials';
export { checkDpopProof, type CheckedDpopProof, type DpopProofContext, type DpopProofFailure } from './verify-dpop-proof';
