export {
  ASYMMETRIC_JWS_ALGORITHMS,
  jwtAccessTokenValidator,
  STEP_UP_DESCRIPTION,
  type JwtAccessTokenInfo,
  type JwtAccessTokenValidatorOptions,
} from './jwt-access-token-validator';
export { JWT_ACCESS_TOKEN_FAILURE_DESCRIPTIONS, JwtAccessTokenError, type JwtAccessTokenFailure } from './jwt-access-token-error';
