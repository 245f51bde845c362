export { bearerAuth, type BearerAuthEnv, type BearerAuthMiddleware, type HonoBearerAuthOptions } from './bearer-auth';
export type { ChallengeValue, MessageValue, RefusalResponseOptions } from './refusal-response';
