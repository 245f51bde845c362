export { redisReplayCache } from './redis-replay-cache';
export { redisNonceStore } from './redis-nonce-store';
export { redisMetadataCache } from './redis-metadata-cache';
export { RedisStoreError, type RedisStoreFailure } from './redis-store-error';
export type { RedisStoreOptions } from './redis-store-options';
export type { IoRedisClientLike, NodeRedisClientLike, RedisClientLike } from './redis-command';
